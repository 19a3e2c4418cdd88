// Encoders for the injection scanner's decoded views, as attackers (and garak's encoding probes)
// write them: the tests of normalize.ts and of the injection scanner encode payloads with these.

export function base32(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const b of Buffer.from(s)) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[Number.parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

export function quotedPrintable(s: string): string {
  return [...Buffer.from(s)].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

// Grade-1 braille cells of a–z (dot bits), U+2800 + cell.
const BRAILLE_CELLS = [
  0x01, 0x03, 0x09, 0x19, 0x11, 0x0b, 0x1b, 0x13, 0x0a, 0x1a, 0x05, 0x07, 0x0d, 0x1d, 0x15, 0x0f, 0x1f, 0x17, 0x0e, 0x1e, 0x25, 0x27, 0x3a,
  0x2d, 0x3d, 0x35,
];

/** Letters as braille cells; anything else as a space. */
export function braille(s: string): string {
  return [...s.toLowerCase()]
    .map((c) => {
      const i = c.charCodeAt(0) - 97;
      return i >= 0 && i < 26 ? String.fromCharCode(0x2800 + (BRAILLE_CELLS[i] as number)) : ' ';
    })
    .join('');
}

const NATO =
  'Alfa Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike November Oscar Papa Quebec Romeo Sierra Tango Uniform Victor Whiskey X-ray Yankee Zulu'.split(
    ' ',
  );

/** Letters as NATO code words, words separated by "(space)". */
export function nato(s: string): string {
  return s
    .toLowerCase()
    .split(' ')
    .map((w) => [...w].map((c) => NATO[c.charCodeAt(0) - 97]).join(' '))
    .join(' (space) ');
}

export function uuencode(s: string): string {
  const b = Buffer.from(s);
  let out = 'begin 644 message.txt\n';
  for (let i = 0; i < b.length; i += 45) {
    const chunk = b.subarray(i, i + 45);
    let line = String.fromCharCode(32 + chunk.length);
    for (let j = 0; j < chunk.length; j += 3) {
      const v = ((chunk[j] as number) << 16) | ((chunk[j + 1] ?? 0) << 8) | (chunk[j + 2] ?? 0);
      for (let x = 18; x >= 0; x -= 6) line += (v >> x) & 63 ? String.fromCharCode(32 + ((v >> x) & 63)) : '`';
    }
    out += `${line}\n`;
  }
  return `${out}\`\nend\n`;
}

export function ascii85(s: string): string {
  const b = Buffer.from(s);
  let out = '';
  for (let i = 0; i < b.length; i += 4) {
    const chunk = [...b.subarray(i, i + 4)];
    const n = chunk.length;
    while (chunk.length < 4) chunk.push(0);
    let v = (chunk[0] as number) * 2 ** 24 + (chunk[1] as number) * 2 ** 16 + (chunk[2] as number) * 2 ** 8 + (chunk[3] as number);
    if (v === 0 && n === 4) {
      out += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(33 + (v % 85)));
      v = Math.floor(v / 85);
    }
    out += digits.slice(0, n + 1).join('');
  }
  return out;
}

/** Letters joined by full stops, words by spaces ("i.g.n.o.r.e a.l.l"). */
export function dotted(s: string): string {
  return s
    .split(' ')
    .map((w) => [...w].join('.'))
    .join(' ');
}
