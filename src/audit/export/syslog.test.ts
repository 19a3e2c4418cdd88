import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admin, EMOJI_RUN, hostile, ID, LONG_PATH, normal, rejected, seal } from './fixtures.js';
import { escapeParamValue, frameOctetCounting, toRfc5424 } from './syslog.js';

// An independent RFC 5424 reader, from the ABNF in §6: six space-separated header fields, then
// STRUCTURED-DATA (`-` or SD-ELEMENTs), then optionally SP MSG. In a PARAM-VALUE a backslash
// escapes only `"`, `\` and `]`; before anything else it is an ordinary character (§6.3.3).
interface Message {
  header: string[];
  elements: { id: string; params: [string, string][] }[];
  msg: string | null;
}

function parse5424(line: string): Message {
  let i = 0;
  const header: string[] = [];
  while (header.length < 6) {
    const sp = line.indexOf(' ', i);
    header.push(line.slice(i, sp));
    i = sp + 1;
  }
  const elements: Message['elements'] = [];
  if (line[i] === '-') i++;
  while (line[i] === '[') {
    i++;
    let id = '';
    while (line[i] !== ' ' && line[i] !== ']') id += line[i++];
    const params: [string, string][] = [];
    while (line[i] === ' ') {
      i++;
      const eq = line.indexOf('=', i);
      const name = line.slice(i, eq);
      assert.equal(line[eq + 1], '"', `PARAM-VALUE of ${name} is quoted`);
      i = eq + 2;
      let value = '';
      while (line[i] !== '"') {
        if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\' || line[i + 1] === ']')) i++;
        assert.ok(i < line.length, 'unterminated PARAM-VALUE');
        value += line[i++];
      }
      i++;
      params.push([name, value]);
    }
    assert.equal(line[i], ']', 'SD-ELEMENT closes');
    i++;
    elements.push({ id, params });
  }
  if (i === line.length) return { header, elements, msg: null };
  assert.equal(line[i], ' ', 'SP before MSG');
  return { header, elements, msg: line.slice(i + 1) };
}

const param = (m: Message, name: string) => m.elements[0]?.params.find(([n]) => n === name)?.[1];

describe('RFC 5424 PARAM-VALUE escaping (§6.3.3)', () => {
  it('escapes exactly ", \\ and ]', () => {
    assert.equal(escapeParamValue('a"b\\c]d[e=f g', 100), 'a\\"b\\\\c\\]d[e=f g');
  });
  it('replaces CR, LF and other controls, keeps UTF-8 text', () => {
    assert.equal(escapeParamValue('a\r\nb\u0000c\ud800 é日本😀', 100), 'a\uFFFD\uFFFDb\uFFFDc\uFFFD é日本😀');
  });
  it('truncates before escaping, never inside a surrogate pair', () => {
    assert.equal(escapeParamValue(']]]', 2), '\\]\\]');
    assert.equal(escapeParamValue('x😀', 2), 'x');
  });
});

describe('toRfc5424', () => {
  it('writes a successful request: PRI 110 (log audit, informational), SD, BOM and canonical JSON', () => {
    const { record, body } = normal();
    const line = toRfc5424(record, { hostname: 'gw1', procId: 4242 });
    const expected =
      '<110>1 2026-01-02T03:04:05.678Z gw1 gatehouse 4242 chat ' +
      `[gatehouse@32473 id="${ID}" seq="41" kind="request" tenant="acme" user="alice" key_id="key_01" ` +
      'client="203.0.113.7" method="POST" path="/v1/chat/completions" endpoint="chat" dialect="openai" ' +
      'model_requested="gpt-4o" provider="openai" upstream_model="gpt-4o" model_resolved="gpt-4o-2024-08-06" ' +
      'status="200" upstream_status="200" latency_us="1500" outcome="success" input_tokens="12" output_tokens="34" ' +
      `decisions="authenticate:allow,authorize:allow,call_provider:allow"] \uFEFF${body}`;
    assert.equal(line, expected);
    const bytes = Buffer.from(line, 'utf8');
    const bom = bytes.indexOf(Buffer.from([0xef, 0xbb, 0xbf]));
    assert.ok(bom > 0);
    assert.equal(bytes.subarray(bom + 3).toString('utf8'), body, 'MSG after the BOM is the leaf bytes');
  });

  it('writes a rejected request: PRI 108 (warning), NIL hostname and procid', () => {
    const line = toRfc5424(rejected().record);
    const m = parse5424(line);
    assert.deepEqual(m.header, ['<108>1', '2026-01-02T03:04:05.678Z', '-', 'gatehouse', '-', 'messages']);
    assert.equal(param(m, 'error_code'), 'invalid_key');
    assert.equal(param(m, 'outcome'), 'failure');
    assert.equal(param(m, 'decisions'), 'authenticate:deny(unknown key)');
    assert.equal(param(m, 'user'), undefined, 'null fields are left out');
  });

  it('writes an admin action: PRI 109 (notice), MSGID from the action', () => {
    const m = parse5424(toRfc5424(admin().record, { facility: 4, enterpriseId: '32473.1' }));
    assert.equal(m.header[0], '<37>1');
    assert.equal(m.header[5], 'key.create');
    assert.equal(m.elements[0]?.id, 'gatehouse@32473.1');
    assert.equal(param(m, 'action'), 'key.create');
    assert.equal(param(m, 'target'), 'key_02');
    assert.equal(parse5424(toRfc5424(admin().record)).header[0], '<109>1');
  });

  it('uses PRI 107 (error) for a 5xx and NIL for an unusable timestamp', () => {
    const m = parse5424(toRfc5424(seal({ status: 502, ts: 'yesterday' }).record));
    assert.equal(m.header[0], '<107>1');
    assert.equal(m.header[1], '-');
  });

  it('refuses a bad facility or enterprise number (configuration errors)', () => {
    const { record } = normal();
    assert.throws(() => toRfc5424(record, { facility: 24 }), RangeError);
    assert.throws(() => toRfc5424(record, { enterpriseId: '32473]' }), RangeError);
    assert.throws(() => toRfc5424(record, { enterpriseId: '1..2' }), RangeError);
  });
});

describe('toRfc5424 with a hostile record', () => {
  const { record, body } = hostile();
  const line = toRfc5424(record, { hostname: 'host name\u00e9', appName: 'a'.repeat(60), msgId: undefined });
  const m = parse5424(line);

  it('keeps header fields printable ASCII and within their lengths', () => {
    assert.deepEqual(m.header, ['<108>1', '2026-01-02T03:04:05.678Z', 'host_name_', 'a'.repeat(48), '-', 'chat_messages']);
  });

  it('has exactly one SD element and parses back to the original values', () => {
    assert.equal(m.elements.length, 1);
    assert.equal(param(m, 'tenant'), record.tenant);
    assert.equal(param(m, 'model_requested'), 'gpt-4o" ] [injected@1 a="b"]');
    assert.equal(param(m, 'provider'), 'openai\\');
    assert.equal(param(m, 'method'), 'POST|X');
    assert.equal(param(m, 'id'), 'id|1=2\\3');
    assert.equal(param(m, 'client'), 'not-an-ip suser=admin');
    assert.equal(param(m, 'path'), LONG_PATH.slice(0, 1024));
    assert.equal(param(m, 'model_resolved'), EMOJI_RUN.slice(0, 1023));
    assert.equal(param(m, 'user'), 'bob\uFFFD\uFFFDCEF:0|evil|x|1|sig|name|10|src=6.6.6.6');
    assert.equal(param(m, 'upstream_model'), 'a\uFFFDb\uFFFDc');
    assert.equal(param(m, 'decisions'), 'authenticate:allow,scan=input:deny(x%29%2Cauthorize%3Aallow%2C%28y)');
  });

  it('has no raw CR or LF anywhere, and MSG is the exact record', () => {
    assert.equal(line.includes('\n') || line.includes('\r'), false);
    assert.equal(m.msg, `\uFEFF${body}`);
    assert.deepEqual(JSON.parse(body), record);
  });
});

describe('frameOctetCounting (RFC 6587 §3.4.1)', () => {
  it('prefixes the UTF-8 octet count in decimal and a space', () => {
    assert.deepEqual(frameOctetCounting('é'), Buffer.from([0x32, 0x20, 0xc3, 0xa9]));
    assert.deepEqual(frameOctetCounting(''), Buffer.from('0 '));
    assert.deepEqual(frameOctetCounting('\ud800'), Buffer.from([0x33, 0x20, 0xef, 0xbf, 0xbd]));
  });
  it('counts octets, not characters, for a whole hostile message', () => {
    const msg = toRfc5424(hostile().record);
    const frame = frameOctetCounting(msg);
    const sp = frame.indexOf(0x20);
    const len = frame.subarray(0, sp).toString('ascii');
    assert.equal(len, String(Buffer.byteLength(msg, 'utf8')));
    assert.notEqual(len[0], '0');
    assert.equal(frame.length - sp - 1, Number(len));
    assert.equal(frame.subarray(sp + 1).toString('utf8'), msg);
  });
});
