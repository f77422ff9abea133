import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { Money } from '../../components/Money';
import { formatInteger, formatTimestamp } from '../../format';
import { getList, type Feedback, type RequestLog, type RequestLogDetail, type UserSession } from '../api';
import { readConversation, type Turn } from '../conversation';
import { Stars } from '../Stars';

function TurnView({ turn, label }: { turn: Turn; label: string }) {
  return (
    <li className={`turn turn-${turn.role}`} aria-label={label}>
      <span className="turn-role">{turn.role}</span>
      {turn.text !== '' && <pre className="turn-text">{turn.text}</pre>}
      {turn.toolCalls.map((call, i) => (
        <div key={i} className="turn-tool">
          <span className="muted">tool call</span> <code>{call.name}</code>
          <pre className="turn-text">{call.arguments}</pre>
        </div>
      ))}
    </li>
  );
}

function Raw({ title, text }: { title: string; text: string }) {
  return (
    <details>
      <summary>{title}</summary>
      <pre className="turn-text">{text}</pre>
    </details>
  );
}

/** The session the request belongs to: the user's latest session started at or before it. */
function useSessionOf(log: RequestLogDetail) {
  const { apiKey } = useAuth();
  const to = new Date(Date.parse(log.createdAt) + 1).toISOString();
  return useQuery({
    queryKey: ['admin', 'session-of', log.id],
    queryFn: ({ signal }) =>
      getList<UserSession>(apiKey ?? '', 'user-sessions', `userId=${log.userId}&to=${encodeURIComponent(to)}&sort=sessionStart&desc=true&pageSize=1`, signal),
    enabled: apiKey !== null && log.userId !== null,
    select: (page) => page.items.find((s) => Date.parse(s.lastActivityAt) >= Date.parse(log.createdAt)) ?? null,
  });
}

/** The feedback this request received (given after it, by its user). */
function useFeedbackOf(log: RequestLogDetail) {
  const { apiKey } = useAuth();
  return useQuery({
    queryKey: ['admin', 'feedback-of', log.id],
    queryFn: ({ signal }) =>
      getList<Feedback>(apiKey ?? '', 'feedback', `userId=${log.userId}&from=${encodeURIComponent(log.createdAt)}&pageSize=200`, signal),
    enabled: apiKey !== null && log.userId !== null,
    select: (page) => page.items.filter((f) => f.requestLogId === log.id),
  });
}

/** The other requests of the session: its user's, from its start to its last activity (the first 50, oldest first). */
function useSessionRequests(session: UserSession | null | undefined, requestId: number) {
  const { apiKey } = useAuth();
  const until = session ? new Date(Date.parse(session.lastActivityAt) + 1).toISOString() : '';
  return useQuery({
    queryKey: ['admin', 'session-requests', session?.id, until],
    queryFn: ({ signal }) =>
      getList<RequestLog>(
        apiKey ?? '',
        'request-logs',
        `userId=${session!.userId}&from=${encodeURIComponent(session!.sessionStart)}&to=${encodeURIComponent(until)}&sort=createdAt&desc=false&pageSize=50`,
        signal,
      ),
    enabled: apiKey !== null && !!session,
    select: (page) => page.items.filter((r) => r.id !== requestId),
  });
}

function SessionLinks({ log }: { log: RequestLogDetail }) {
  const session = useSessionOf(log).data;
  const others = useSessionRequests(session, log.id).data ?? [];
  if (!session) return <p className="muted">No session known for this request.</p>;
  return (
    <>
      <p>
        <Link to={`/admin/sessions?userId=${session.userId}`}>
          Session #{session.id} of {session.userName}
        </Link>{' '}
        ({formatTimestamp(session.sessionStart)} – {formatTimestamp(session.lastActivityAt)}, {formatInteger(session.totalRequests)} requests)
      </p>
      <nav aria-label="Other requests of the session">
        {others.length === 0 ? (
          <span className="muted">No other request in this session.</span>
        ) : (
          others.map((r) => (
            <Link key={r.id} to={`/admin/request-logs/${r.id}`} className="session-request">
              #{r.id}
            </Link>
          ))
        )}
      </nav>
    </>
  );
}

function FeedbackList({ log }: { log: RequestLogDetail }) {
  const feedback = useFeedbackOf(log).data ?? [];
  if (feedback.length === 0) return <p className="muted">No feedback for this request.</p>;
  return (
    <ul className="feedback-of-request">
      {feedback.map((f) => (
        <li key={f.id}>
          <Stars rating={f.rating} /> {f.feedbackText} <span className="muted">({formatTimestamp(f.createdAt)})</span>
        </li>
      ))}
    </ul>
  );
}

/** The request's conversation as captured (redacted), its figures, its feedback and its session. */
export function ConversationPanel({ log }: { log: RequestLogDetail }) {
  const capture = log.capture;
  const conversation = capture ? readConversation(capture) : null;
  const redactions = capture ? Object.entries(capture.redactions) : [];
  return (
    <section aria-labelledby="conversation-heading" className="panel conversation">
      <h3 id="conversation-heading">Conversation</h3>
      <p>
        {formatInteger(log.promptTokens)} prompt + {formatInteger(log.completionTokens)} completion tokens ·{' '}
        {log.costUsd !== null ? <Money value={log.costUsd} /> : 'no cost'}
      </p>
      {!capture ? (
        <p className="muted">Nothing was captured for this request (capture off, not covered, the key never captures, or its retention has passed).</p>
      ) : (
        <>
          {conversation?.messages ? (
            <ol className="turns" aria-label="Messages">
              {conversation.messages.map((turn, i) => (
                <TurnView key={i} turn={turn} label={`Message ${i + 1}: ${turn.role}`} />
              ))}
            </ol>
          ) : (
            <Raw title="Request body (not readable as JSON)" text={capture.requestBody} />
          )}
          <h4>Answer</h4>
          {conversation?.answer ? (
            <ol className="turns" aria-label="Answer">
              <TurnView turn={conversation.answer} label="Answer" />
            </ol>
          ) : (
            <Raw title="Response (not readable as JSON)" text={capture.responseText} />
          )}
          {capture.truncated && (
            <p className="message message-warning">
              Cut at {formatInteger(capture.capBytes)} bytes:{' '}
              {[capture.requestTruncated && 'the request', capture.responseTruncated && 'the answer'].filter(Boolean).join(' and ')}.
            </p>
          )}
          <p className="muted">
            {redactions.length === 0
              ? 'Nothing was redacted.'
              : `Redacted before storage: ${redactions.map(([kind, count]) => `${count} × ${kind}`).join(', ')}.`}
          </p>
          <Raw title="Raw request body" text={capture.requestBody} />
          <Raw title="Raw response" text={capture.responseText} />
        </>
      )}
      <h4>Feedback</h4>
      <FeedbackList log={log} />
      <h4>Session</h4>
      <SessionLinks log={log} />
    </section>
  );
}
