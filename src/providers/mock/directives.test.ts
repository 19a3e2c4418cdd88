import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDirectives } from './directives.js';

describe('mock directives', () => {
  it('parses every documented directive and strips them from the text', () => {
    const r = parseDirectives(
      'hello [[mock:echo]] [[mock:tool delete_record {"id":42}]] [[mock:fail 503]] [[mock:stall 10]] [[mock:latency 5]] [[mock:chunk-delay 1]] [[mock:disconnect 2]] [[mock:words 3]] [[mock:leak-system]] [[mock:reply Done.]]',
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.text, 'hello');
    assert.deepEqual(
      r.directives.map((d) => d.name),
      ['echo', 'tool', 'fail', 'stall', 'latency', 'chunk-delay', 'disconnect', 'words', 'leak-system', 'reply'],
    );
    assert.deepEqual(r.directives[1], { name: 'tool', tool: 'delete_record', args: '{"id":42}' });
  });
  it('reports bad directives instead of ignoring them', () => {
    const r = parseDirectives('[[mock:fail 99]] [[mock:tool x {bad]] [[mock:nope]]');
    assert.equal(r.errors.length, 3);
  });
  it('leaves unterminated directives as text and stays linear on long input', () => {
    const long = `${'[[mock:'.repeat(20_000)}x`;
    const r = parseDirectives(long);
    assert.equal(r.directives.length, 0);
    assert.equal(r.text, long);
  });
});
