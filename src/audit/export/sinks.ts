// Where exported records go. Each sink resolves send() only when the batch is as delivered as
// its transport can tell: file — written and fdatasync'd; HTTP — a 2xx answer; TCP/TLS syslog —
// written to the socket (RFC 6587 has no acknowledgement); UDP — sent (no guarantee at all).

import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { request } from 'undici';
import type { Sink } from './exporter.js';
import { frameOctetCounting } from './syslog.js';

export function fileSink(path: string): Sink {
  let handle: FileHandle | undefined;
  return {
    async send(payloads) {
      handle ??= await open(path, 'a', 0o600);
      await handle.appendFile(`${payloads.join('\n')}\n`);
      await handle.datasync();
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}

export interface HttpSinkOptions {
  url: string;
  headers: Record<string, string>;
  /** How the batch is joined: newline-delimited (JSONL, CEF) or concatenated (Splunk HEC). */
  join: 'lines' | 'concat';
  contentType: string;
  timeoutMs: number;
}

export function httpSink(o: HttpSinkOptions): Sink {
  return {
    async send(payloads) {
      const body = o.join === 'lines' ? `${payloads.join('\n')}\n` : payloads.join('');
      const res = await request(o.url, {
        method: 'POST',
        headers: { 'content-type': o.contentType, ...o.headers },
        body,
        headersTimeout: o.timeoutMs,
        bodyTimeout: o.timeoutMs,
      });
      const text = await res.body.text();
      if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`receiver answered HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
    },
    async close() {},
  };
}

export interface SyslogSinkOptions {
  transport: 'udp' | 'tcp' | 'tls';
  host: string;
  port: number;
  /** TLS: CA bundle, client certificate and key files (RFC 5425 mutual authentication). */
  caFile?: string | undefined;
  certFile?: string | undefined;
  keyFile?: string | undefined;
  servername?: string | undefined;
  timeoutMs: number;
}

export function syslogSink(o: SyslogSinkOptions): Sink {
  if (o.transport === 'udp') {
    const socket = createSocket(o.host.includes(':') ? 'udp6' : 'udp4');
    return {
      async send(payloads) {
        for (const p of payloads) {
          await new Promise<void>((resolve, reject) =>
            socket.send(Buffer.from(p, 'utf8'), o.port, o.host, (err) => (err ? reject(err) : resolve())),
          );
        }
      },
      async close() {
        socket.close();
      },
    };
  }
  let socket: Socket | undefined;
  const connectOnce = () =>
    new Promise<Socket>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      const s =
        o.transport === 'tls'
          ? tlsConnect({
              host: o.host,
              port: o.port,
              servername: o.servername ?? o.host,
              ...(o.caFile ? { ca: readFileSync(o.caFile) } : {}),
              ...(o.certFile ? { cert: readFileSync(o.certFile) } : {}),
              ...(o.keyFile ? { key: readFileSync(o.keyFile) } : {}),
            })
          : netConnect({ host: o.host, port: o.port });
      s.setTimeout(o.timeoutMs, () => s.destroy(new Error(`syslog receiver ${o.host}:${o.port} timed out`)));
      s.once('error', onError);
      s.once(o.transport === 'tls' ? 'secureConnect' : 'connect', () => {
        s.off('error', onError);
        // Later errors surface on the next write; keep the process alive meanwhile.
        s.on('error', () => {});
        s.on('close', () => {
          if (socket === s) socket = undefined;
        });
        resolve(s);
      });
    });
  return {
    async send(payloads) {
      socket ??= await connectOnce();
      const s = socket;
      const frame = Buffer.concat(payloads.map(frameOctetCounting));
      await new Promise<void>((resolve, reject) => {
        s.write(frame, (err) => {
          if (err) {
            s.destroy();
            reject(err);
          } else resolve();
        });
      });
      if (s.destroyed) throw new Error('syslog connection closed during the write');
    },
    async close() {
      socket?.end();
      socket = undefined;
    },
  };
}
