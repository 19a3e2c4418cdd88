// Server-sent events parsing for upstream streams (WHATWG HTML §9.2 event stream format):
// lines split on \n (\r\n tolerated), `data:` lines joined with \n, an empty line ends an event.
// Bounded: a single event larger than maxEventBytes is an upstream error, not unbounded memory.

export interface SseEvent {
  event: string | undefined;
  data: string;
}

export async function* parseSse(
  chunks: AsyncIterable<Buffer | Uint8Array | string>,
  maxEventBytes = 8 * 1024 * 1024,
): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event: string | undefined;
  let data: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl = buffer.indexOf('\n');
    while (nl !== -1) {
      let line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (data.length) yield { event, data: data.join('\n') };
        event = undefined;
        data = [];
        size = 0;
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'data') {
          size += value.length;
          if (size > maxEventBytes) throw new Error(`upstream SSE event larger than ${maxEventBytes} bytes`);
          data.push(value);
        } else if (field === 'event') event = value;
      }
      nl = buffer.indexOf('\n');
    }
    if (buffer.length > maxEventBytes) throw new Error(`upstream SSE line larger than ${maxEventBytes} bytes`);
  }
  if (data.length) yield { event, data: data.join('\n') };
}
