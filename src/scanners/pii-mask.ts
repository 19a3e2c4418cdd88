// Masked forms of detected values for `Finding.evidence`: enough for a person to recognise which
// value was meant, never enough to recover it. Cards keep the last four digits (what PCI DSS 3.4
// allows to display), emails the first letter of each part and the top-level domain, everything
// else at most its last two characters.

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function star(s: string, keep: number): string {
  let alnum = 0;
  for (let i = 0; i < s.length; i++) if (isAlnum(s.charCodeAt(i))) alnum++;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (isAlnum(s.charCodeAt(i))) {
      out += alnum <= keep ? s[i] : '*';
      alnum--;
    } else out += s[i];
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
  if (type === 'address' || type === 'health_condition' || type === 'medication') return `[${value.length} chars]`;
  return star(value, value.replace(/[^A-Za-z0-9]/g, '').length >= 8 ? 2 : 0);
}
