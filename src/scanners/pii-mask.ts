// Masked forms of detected values for `Finding.evidence`: enough for a person to recognise which
// value was meant, never enough to recover it. Cards keep the last four digits (what PCI DSS 3.4
// allows to display), emails the first letter of each part and the top-level domain, everything
// else at most its last two characters.

function star(s: string, keep: number): string {
  let out = '';
  let alnumLeft = 0;
  for (const ch of s) if (/[A-Za-z0-9]/.test(ch)) alnumLeft++;
  for (const ch of s) {
    if (/[A-Za-z0-9]/.test(ch)) {
      out += alnumLeft <= keep ? ch : '*';
      alnumLeft--;
    } else out += ch;
  }
  return out;
}

export function maskValue(type: string, value: string): string {
  if (type === 'email') {
    const at = value.indexOf('@');
    const host = value.slice(at + 1);
    const dot = host.lastIndexOf('.');
    return `${value.charAt(0)}***@${host.charAt(0)}***${dot >= 0 ? host.slice(dot) : ''}`;
  }
  if (type === 'credit_card') {
    const digits = value.replace(/\D/g, '');
    if (digits.length === value.length) return `${'*'.repeat(digits.length - 4).replace(/(.{4})/g, '$1 ')}${digits.slice(-4)}`;
    return star(value, 4);
  }
  if (type === 'person') return `${value.charAt(0)}***`;
  if (type === 'url') {
    const m = /^(?:[a-z]+:\/\/)?([^/]+)/i.exec(value);
    return m?.[1] ? `${m[1].charAt(0)}***` : '***';
  }
  if (type === 'address' || type === 'health_condition') return `[${value.length} chars]`;
  return star(value, value.replace(/[^A-Za-z0-9]/g, '').length >= 8 ? 2 : 0);
}
