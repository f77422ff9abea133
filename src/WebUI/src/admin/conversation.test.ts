import { describe, expect, it } from 'vitest';
import { readAnswer, readConversation, readRequest } from './conversation';

describe('readRequest', () => {
  it('reads OpenAI chat messages with their roles, content parts and assistant tool calls', () => {
    const body = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in' }, { type: 'text', text: 'Paris?' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '18°C' },
      ],
    });
    expect(readRequest(body)).toEqual([
      { role: 'system', text: 'Be brief.', toolCalls: [] },
      { role: 'user', text: 'Weather in\nParis?', toolCalls: [] },
      { role: 'assistant', text: '', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      { role: 'tool', text: '18°C', toolCalls: [] },
    ]);
  });

  it('reads Anthropic Messages: the system prompt, tool_use and tool_result blocks', () => {
    const body = JSON.stringify({
      model: 'claude-stub',
      system: 'You are terse.',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '18°C' }] },
      ],
    });
    expect(readRequest(body)).toEqual([
      { role: 'system', text: 'You are terse.', toolCalls: [] },
      { role: 'user', text: 'Weather?', toolCalls: [] },
      { role: 'assistant', text: '', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      { role: 'user', text: '18°C', toolCalls: [] },
    ]);
  });

  it('reads a Responses input: instructions, a string, or items with function calls and their output', () => {
    expect(readRequest('{"model":"gpt-4.1","instructions":"Short.","input":"Say hello"}')).toEqual([
      { role: 'system', text: 'Short.', toolCalls: [] },
      { role: 'user', text: 'Say hello', toolCalls: [] },
    ]);
    const items = JSON.stringify({
      model: 'gpt-4.1',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Time?' }] },
        { type: 'function_call', call_id: 'c1', name: 'now', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: '12:00' },
      ],
    });
    expect(readRequest(items)).toEqual([
      { role: 'user', text: 'Time?', toolCalls: [] },
      { role: 'assistant', text: '', toolCalls: [{ name: 'now', arguments: '{}' }] },
      { role: 'tool', text: '12:00', toolCalls: [] },
    ]);
  });

  it('reads a completion or Ollama generate prompt, with Ollama’s system', () => {
    expect(readRequest('{"model":"llama3.2","system":"Be kind.","prompt":"Why is the sky blue?"}')).toEqual([
      { role: 'system', text: 'Be kind.', toolCalls: [] },
      { role: 'user', text: 'Why is the sky blue?', toolCalls: [] },
    ]);
  });

  it('gives null for a body cut at the cap (not JSON any more)', () => {
    expect(readRequest('{"model":"demo-echo","messages":[{"role":"user","content":"abc')).toBeNull();
  });
});

describe('readAnswer', () => {
  it('reads a stream the gateway assembled', () => {
    expect(readAnswer('{"text":"Hi","toolCalls":[{"id":"c1","name":"f","arguments":"{}"}],"usage":null}')).toEqual({
      role: 'assistant',
      text: 'Hi',
      toolCalls: [{ name: 'f', arguments: '{}' }],
    });
  });

  it.each([
    ['OpenAI chat', '{"choices":[{"index":0,"message":{"role":"assistant","content":"Hello"}}]}', 'Hello'],
    ['OpenAI completion', '{"choices":[{"index":0,"text":"Once upon"}]}', 'Once upon'],
    ['Responses', '{"object":"response","output":[{"type":"reasoning"},{"type":"message","content":[{"type":"output_text","text":"Hey"}]}]}', 'Hey'],
    ['Anthropic', '{"type":"message","role":"assistant","content":[{"type":"text","text":"Okay"}]}', 'Okay'],
    ['Ollama chat', '{"model":"llama3.2","message":{"role":"assistant","content":"Hi from Ollama."},"done":true}', 'Hi from Ollama.'],
    ['Ollama generate', '{"model":"llama3.2","response":"Sky is blue.","done":true}', 'Sky is blue.'],
  ])('reads the text of a %s answer', (_protocol, body, text) => {
    expect(readAnswer(body)).toEqual({ role: 'assistant', text, toolCalls: [] });
  });

  it('reads tool calls of a Responses answer and an upstream error', () => {
    expect(readAnswer('{"output":[{"type":"function_call","name":"now","arguments":"{}"}]}')).toEqual({
      role: 'assistant',
      text: '',
      toolCalls: [{ name: 'now', arguments: '{}' }],
    });
    expect(readAnswer('{"error":{"message":"Model not found","type":"invalid_request_error"}}')).toEqual({
      role: 'error',
      text: 'Model not found',
      toolCalls: [],
    });
  });

  it('reads both sides at once', () => {
    expect(
      readConversation({ requestBody: '{"messages":[{"role":"user","content":"Q"}]}', responseText: '{"response":"A"}' }),
    ).toEqual({ messages: [{ role: 'user', text: 'Q', toolCalls: [] }], answer: { role: 'assistant', text: 'A', toolCalls: [] } });
  });
});
