import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeCefHeader, escapeCefValue, toCef } from './cef.js';
import { admin, EMOJI_RUN, hostile, ID, IN_HASH, LONG_PATH, normal, OUT_HASH, rejected, seal, TS_MS } from './fixtures.js';

// An independent CEF reader, written from the spec rather than from the encoder: the header is
// split on the first seven unescaped pipes; the extension is split where ` key=` starts, key being
// [A-Za-z0-9]+ followed by an unescaped `=` (a value's own `=` is always `\=`); then unescaped.
interface Parsed {
  header: string[];
  /** How many unescaped pipes precede the extension. */
  pipes: number;
  ext: Map<string, string>;
}

function unescapeHeader(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s[i] === '\\' && i + 1 < s.length ? s[++i] : s[i];
  return out;
}

function unescapeValue(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 === s.length) {
      out += s[i];
      continue;
    }
    const n = s[++i];
    out += n === 'n' ? '\n' : n === 'r' ? '\r' : n;
  }
  return out;
}

const isKeyChar = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));

function parseCef(line: string): Parsed {
  const header: string[] = [];
  let field = '';
  let i = 0;
  for (; i < line.length && header.length < 7; i++) {
    if (line[i] === '\\') field += line[i] + (line[++i] ?? '');
    else if (line[i] === '|') {
      header.push(unescapeHeader(field));
      field = '';
    } else field += line[i];
  }
  const rest = line.slice(i);
  // Boundaries: the start, and every space followed by a key and `=`.
  const starts: number[] = [];
  for (let j = 0; j < rest.length; j++) {
    if (j !== 0 && rest[j - 1] !== ' ') continue;
    let k = j;
    while (isKeyChar(rest[k])) k++;
    if (k > j && rest[k] === '=') starts.push(j);
  }
  const ext = new Map<string, string>();
  starts.forEach((s, n) => {
    const end = n + 1 < starts.length ? (starts[n + 1] as number) - 1 : rest.length;
    const pair = rest.slice(s, end);
    const eq = pair.indexOf('=');
    ext.set(pair.slice(0, eq), unescapeValue(pair.slice(eq + 1)));
  });
  return { header, pipes: header.length, ext };
}

describe('CEF escaping (ArcSight CEF guide)', () => {
  it('escapes a header: backslash and pipe; CR and LF become spaces', () => {
    assert.equal(escapeCefHeader('a|b\\c\r\nd', 100), 'a\\|b\\\\c  d');
    assert.equal(escapeCefHeader('x=y', 100), 'x=y');
  });
  it('escapes an extension value: backslash, equals, LF, CR; pipes stay', () => {
    assert.equal(escapeCefValue('a=b\\c\nd\re|f', 100), 'a\\=b\\\\c\\nd\\re|f');
  });
  it('replaces other controls, DEL, C1, line separators and lone surrogates with U+FFFD', () => {
    assert.equal(escapeCefValue('\u0000\t\u007f\u0085\u2028x', 100), '\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDx');
    assert.equal(escapeCefValue('a\ud800', 10), 'a\uFFFD');
    assert.equal(escapeCefHeader('a\u0000b\tc', 10), 'a\uFFFDb\uFFFDc');
  });
  it('truncates before escaping, never inside a surrogate pair', () => {
    assert.equal(escapeCefValue('x😀😀', 2), 'x');
    assert.equal(escapeCefValue('==', 1), '\\=');
    assert.equal(escapeCefHeader('é日本😀', 4), 'é日本');
  });
});

describe('toCef', () => {
  it('writes a successful model call with every mapped key', () => {
    const line = toCef(normal().record, { version: '1.2.3' });
    const expected =
      'CEF:0|Gatehouse|Gatehouse|1.2.3|request|POST /v1/chat/completions 200|1|' +
      `rt=${TS_MS} externalId=${ID} cat=request suser=alice suid=key_01 src=203.0.113.7 requestMethod=POST ` +
      'request=/v1/chat/completions app=openai outcome=success act=allow in=12 out=34 ' +
      'cs1Label=tenant cs1=acme cs2Label=modelRequested cs2=gpt-4o cs3Label=modelResolved cs3=gpt-4o-2024-08-06 ' +
      'cs4Label=provider cs4=openai cs6Label=decisions cs6=authenticate:allow,authorize:allow,call_provider:allow ' +
      'cn1Label=httpStatus cn1=200 cn2Label=latencyUs cn2=1500 cn3Label=logSeq cn3=41 ' +
      `flexString1Label=inputSha256 flexString1=${IN_HASH} flexString2Label=outputSha256 flexString2=${OUT_HASH}`;
    assert.equal(line, expected);
  });

  it('writes a rejected request: failure, reason, denying stage, severity 6', () => {
    const line = toCef(rejected().record);
    const expected =
      'CEF:0|Gatehouse|Gatehouse|unknown|request|POST /v1/messages 401|6|' +
      `rt=${TS_MS} externalId=${ID} cat=request src=198.51.100.9 requestMethod=POST request=/v1/messages ` +
      'app=anthropic outcome=failure reason=invalid_key act=deny:authenticate msg=no key with id key_zz ' +
      'cs6Label=decisions cs6=authenticate:deny(unknown key) cn1Label=httpStatus cn1=401 cn2Label=latencyUs cn2=80 ' +
      'cn3Label=logSeq cn3=41';
    assert.equal(line, expected);
  });

  it('writes an admin action with its name as signature and title', () => {
    const line = toCef(admin().record, { vendor: 'Acme|Sec', product: 'GW' });
    const expected =
      'CEF:0|Acme\\|Sec|GW|unknown|admin:key.create|key.create|3|' +
      `rt=${TS_MS} externalId=${ID} cat=admin suser=root suid=key_admin src=2001:db8::1 outcome=success ` +
      'act=key.create msg={"details":{"name":"ci","role":"invoker"},"target":"key_02"} cs1Label=tenant cs1=acme ' +
      'cn1Label=httpStatus cn1=200 cn2Label=latencyUs cn2=0 cn3Label=logSeq cn3=41';
    assert.equal(line, expected);
  });

  it('maps severities from the outcome table', () => {
    const sev = (status: number, code?: string) =>
      parseCef(toCef(seal({ status, error: code ? { code, detail: '' } : null }).record)).header[6];
    assert.equal(sev(401, 'missing_key'), '5');
    assert.equal(sev(403, 'model_not_allowed'), '6');
    assert.equal(sev(403, 'policy_block'), '7');
    assert.equal(sev(404, 'not_found'), '3');
    assert.equal(sev(502, 'upstream_error'), '4');
    assert.equal(sev(503, 'audit_unavailable'), '7');
    assert.equal(sev(500, 'internal_error'), '6');
  });

  it('omits rt when the timestamp does not parse', () => {
    const line = toCef(seal({ ts: 'not a date' }).record);
    assert.equal(parseCef(line).ext.has('rt'), false);
  });
});

describe('toCef with a hostile record', () => {
  const { record } = hostile();
  const line = toCef(record);
  const parsed = parseCef(line);

  it('is one line with exactly seven unescaped pipes before the extension', () => {
    assert.equal(line.includes('\n'), false);
    assert.equal(line.includes('\r'), false);
    assert.equal(parsed.pipes, 7);
    assert.equal(parsed.header.length, 7);
    assert.deepEqual(parsed.header.slice(0, 5), ['CEF:0', 'Gatehouse', 'Gatehouse', 'unknown', 'request']);
    assert.equal(parsed.header[5], `POST|X ${LONG_PATH}`.slice(0, 512));
    assert.equal(parsed.header[6], '7');
  });

  it('parses back to the original values, truncated to their limits', () => {
    const e = parsed.ext;
    assert.equal(e.get('suser'), record.user, 'CR and LF survive as \\r \\n');
    assert.equal(e.get('cs1'), record.tenant);
    assert.equal(e.get('shost'), record.client, 'a non-IP client is a host name, never src');
    assert.equal(e.has('src'), false);
    assert.equal(e.get('requestMethod'), 'POST|X');
    assert.equal(e.get('request'), LONG_PATH.slice(0, 1023));
    assert.equal(e.get('app'), 'openai=evil');
    assert.equal(e.get('cs2'), record.model_requested);
    assert.equal(e.get('cs4'), 'openai\\');
    assert.equal(e.get('cs3'), EMOJI_RUN.slice(0, 3999), 'cut before the pair that straddles 4000');
    assert.equal(e.get('cs5'), '  leading spaces');
    assert.equal(e.get('reason'), 'blocked|x=1');
    assert.equal(e.get('msg'), 'line1\nline2\\ ]"');
    assert.equal(e.get('externalId'), 'id|1=2\\3');
    assert.equal(e.get('act'), 'deny:scan=input');
  });

  it('replaces controls it cannot escape and keeps forged delimiters out of the decision chain', () => {
    assert.equal(parsed.ext.get('suid'), 'k\uFFFDey\uFFFD\uFFFD\uFFFD[31m\uFFFD\uFFFD\uFFFD');
    assert.equal(parsed.ext.get('cs6'), 'authenticate:allow,scan=input:deny(x%29%2Cauthorize%3Aallow%2C%28y)');
  });

  it('cannot be made to emit a forged key', () => {
    const keys = [...parsed.ext.keys()];
    assert.equal(keys.filter((k) => k === 'suser' || k === 'src').length, 1);
    assert.equal(keys.includes('a'), false);
  });
});
