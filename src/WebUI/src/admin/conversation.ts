// Reads a captured request and answer (see RequestCaptureDto) as a conversation, whatever protocol carried it:
// OpenAI chat / completions / Responses, Anthropic Messages, Ollama chat / generate, or a stream the gateway assembled.

export interface ToolCall {
  name: string;
  arguments: string;
}

export interface Turn {
  role: string;
  text: string;
  toolCalls: ToolCall[];
}

export interface Conversation {
  /** What was asked, in order (system, user, assistant, tool, …); null when the request body is not readable JSON (cut, or not JSON). */
  messages: Turn[] | null;
  /** The answer; null when the response is not readable JSON. */
  answer: Turn | null;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

function asText(value: Json): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

/** A content that is a string, or a list of parts (text, input_text, output_text, tool_result, …). */
function contentText(content: Json): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return asText(content);
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      if (!isObject(part)) return '';
      if (typeof part.text === 'string') return part.text;
      if (part.type === 'tool_result') return contentText(part.content);
      if (part.type === 'image_url' || part.type === 'image' || part.type === 'input_image') return '[image]';
      return '';
    })
    .filter((text) => text !== '')
    .join('\n');
}

function functionCall(value: Json): ToolCall | null {
  if (!isObject(value)) return null;
  const fn = isObject(value.function) ? value.function : value;
  if (typeof fn.name !== 'string') return null;
  return { name: fn.name, arguments: asText(fn.arguments ?? fn.input) };
}

function toolCallsOf(message: Record<string, Json>): ToolCall[] {
  const calls: ToolCall[] = [];
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      const parsed = functionCall(call);
      if (parsed) calls.push(parsed);
    }
  }
  if (Array.isArray(message.content)) {
    for (const part of message.content) {
      if (isObject(part) && part.type === 'tool_use') {
        const parsed = functionCall(part);
        if (parsed) calls.push(parsed);
      }
    }
  }
  return calls;
}

function turn(message: Record<string, Json>, fallbackRole: string): Turn {
  return {
    role: typeof message.role === 'string' ? message.role : fallbackRole,
    text: contentText(message.content),
    toolCalls: toolCallsOf(message),
  };
}

/** A Responses API input item: a message, a function call or its output. */
function inputItem(item: Json): Turn | null {
  if (typeof item === 'string') return { role: 'user', text: item, toolCalls: [] };
  if (!isObject(item)) return null;
  if (item.type === 'function_call') {
    return { role: 'assistant', text: '', toolCalls: [{ name: asText(item.name), arguments: asText(item.arguments) }] };
  }
  if (item.type === 'function_call_output') return { role: 'tool', text: asText(item.output), toolCalls: [] };
  return turn(item, 'user');
}

export function readRequest(body: string): Turn[] | null {
  const request = parse(body);
  if (!isObject(request)) return null;
  const turns: Turn[] = [];
  const system = request.system ?? request.instructions;
  if (system !== undefined && system !== null) turns.push({ role: 'system', text: contentText(system), toolCalls: [] });
  if (Array.isArray(request.messages)) {
    for (const message of request.messages) if (isObject(message)) turns.push(turn(message, 'user'));
  } else if (request.input !== undefined) {
    const items = Array.isArray(request.input) ? request.input : [request.input];
    for (const item of items) {
      const parsed = inputItem(item);
      if (parsed) turns.push(parsed);
    }
  } else if (request.prompt !== undefined) {
    turns.push({ role: 'user', text: contentText(request.prompt), toolCalls: [] });
  }
  return turns;
}

export function readAnswer(responseText: string): Turn | null {
  const answer = parse(responseText);
  if (!isObject(answer)) return null;
  // A stream as the gateway assembled it.
  if (typeof answer.text === 'string' && Array.isArray(answer.toolCalls)) {
    const calls = answer.toolCalls.filter(isObject).map((c) => ({ name: asText(c.name), arguments: asText(c.arguments) }));
    return { role: 'assistant', text: answer.text, toolCalls: calls };
  }
  if (Array.isArray(answer.choices)) {
    const choice = answer.choices[0];
    if (!isObject(choice)) return { role: 'assistant', text: '', toolCalls: [] };
    if (isObject(choice.message)) return turn(choice.message, 'assistant');
    return { role: 'assistant', text: asText(choice.text), toolCalls: [] };
  }
  if (Array.isArray(answer.output)) {
    const texts: string[] = [];
    const calls: ToolCall[] = [];
    for (const item of answer.output) {
      if (!isObject(item)) continue;
      if (item.type === 'message') texts.push(contentText(item.content));
      if (item.type === 'function_call') calls.push({ name: asText(item.name), arguments: asText(item.arguments) });
    }
    return { role: 'assistant', text: texts.filter((t) => t !== '').join('\n'), toolCalls: calls };
  }
  if (answer.type === 'message' && Array.isArray(answer.content)) return turn(answer, 'assistant');
  if (isObject(answer.message)) return turn(answer.message, 'assistant');
  if (typeof answer.response === 'string') return { role: 'assistant', text: answer.response, toolCalls: [] };
  if (isObject(answer.error)) return { role: 'error', text: asText(answer.error.message), toolCalls: [] };
  if (typeof answer.error === 'string') return { role: 'error', text: answer.error, toolCalls: [] };
  return null;
}

export function readConversation(capture: { requestBody: string; responseText: string }): Conversation {
  return { messages: readRequest(capture.requestBody), answer: readAnswer(capture.responseText) };
}
