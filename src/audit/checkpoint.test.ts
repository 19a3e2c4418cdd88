import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckpointError, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';
import { EMPTY_ROOT } from './merkle.js';
import { NoteError, noteSigner, openNote, parseVerifierKey, verifierKey } from './note.js';

// The example in c2sp.org/tlog-checkpoint (standards.md §1.3).
const EXAMPLE_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const EXAMPLE_NOTE = `${EXAMPLE_BODY}\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n`;

const root = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');

describe('checkpoint text', () => {
  it('parses the spec example', () => {
    const cp = parseCheckpoint(EXAMPLE_BODY);
    assert.equal(cp.origin, 'example.com/behind-the-sofa');
    assert.equal(cp.size, 20852163);
    assert.ok(cp.rootHash.equals(root));
    assert.deepEqual(cp.extensions, []);
    assert.equal(formatCheckpoint(cp), EXAMPLE_BODY);
  });
  it('the spec example is a well-formed signed note (we do not hold its key)', () => {
    assert.throws(
      () => openNote(EXAMPLE_NOTE, []),
      (e: unknown) => e instanceof NoteError && e.code === 'unverified',
    );
  });
  it('keeps extension lines, and formats the empty tree as size 0', () => {
    const text = formatCheckpoint({ origin: 'log.example', size: 0, rootHash: EMPTY_ROOT, extensions: ['Timestamp: 1', 'x y'] });
    assert.equal(text, `log.example\n0\n${EMPTY_ROOT.toString('base64')}\nTimestamp: 1\nx y\n`);
    assert.deepEqual(parseCheckpoint(text), { origin: 'log.example', size: 0, rootHash: EMPTY_ROOT, extensions: ['Timestamp: 1', 'x y'] });
  });
  it('rejects non-canonical or malformed text', () => {
    const b64 = root.toString('base64');
    const cases: Record<string, string> = {
      'leading zero': `o\n020852163\n${b64}\n`,
      sign: `o\n+1\n${b64}\n`,
      negative: `o\n-1\n${b64}\n`,
      space: `o\n 1\n${b64}\n`,
      'decimal point': `o\n1.0\n${b64}\n`,
      'hex size': `o\n0x10\n${b64}\n`,
      'empty size': `o\n\n${b64}\n`,
      'too large for exact arithmetic': `o\n9007199254740993\n${b64}\n`,
      'empty origin': `\n1\n${b64}\n`,
      'control character in origin': `o\there\n1\n${b64}\n`,
      'carriage return': `o\r\n1\n${b64}\n`,
      'short root': `o\n1\n${root.subarray(1).toString('base64')}\n`,
      'long root': `o\n1\n${Buffer.concat([root, root]).toString('base64')}\n`,
      'unpadded root': `o\n1\n${b64.slice(0, -1)}\n`,
      'hex root': `o\n1\n${root.toString('hex')}\n`,
      'missing root': 'o\n1\n',
      'no final newline': `o\n1\n${b64}`,
      'empty extension line': `o\n1\n${b64}\n\next\n`,
      'trailing blank line': `o\n1\n${b64}\n\n`,
    };
    for (const [name, text] of Object.entries(cases)) assert.throws(() => parseCheckpoint(text), CheckpointError, name);
  });
  it('refuses to format what it could not parse back', () => {
    assert.throws(() => formatCheckpoint({ origin: 'evil\n999', size: 1, rootHash: root }), CheckpointError);
    assert.throws(() => formatCheckpoint({ origin: '', size: 1, rootHash: root }), CheckpointError);
    assert.throws(() => formatCheckpoint({ origin: 'o', size: -1, rootHash: root }), CheckpointError);
    assert.throws(() => formatCheckpoint({ origin: 'o', size: 1.5, rootHash: root }), CheckpointError);
    assert.throws(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: root.subarray(1) }), CheckpointError);
    assert.throws(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: root, extensions: [''] }), CheckpointError);
  });
});

describe('signed checkpoints', () => {
  const signer = noteSigner('gatehouse.example/log', Buffer.alloc(32, 3));
  const verifier = parseVerifierKey(verifierKey(signer.name, signer.publicKey));
  const cp = { origin: 'gatehouse.example/log', size: 42, rootHash: root };
  it('round-trip through a signed note', () => {
    const note = signCheckpoint(cp, signer);
    const opened = openCheckpoint(note, [verifier], 'gatehouse.example/log');
    assert.deepEqual(opened.checkpoint, { ...cp, extensions: [] });
    assert.deepEqual(opened.verifiedBy, ['gatehouse.example/log']);
  });
  it('are refused for another origin, a forged size, or a missing key', () => {
    const note = signCheckpoint(cp, signer);
    assert.throws(() => openCheckpoint(note, [verifier], 'other.example/log'), /expected "other.example\/log"/);
    assert.throws(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), [verifier]), /does not verify/);
    assert.throws(() => openCheckpoint(note, []), /no signature from a known key/);
  });
});
