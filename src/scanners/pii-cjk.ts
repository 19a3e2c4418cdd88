// Self-introductions in Chinese, Japanese and Korean ("我叫王小明", "私の名前は田中太郎です",
// "제 이름은 김민수입니다"): the name after the phrase is a person. The scanner's pass calls
// scanCjkIntro only at 我, 私, 저 and 제, so text without them costs one comparison per character.
// The strong phrases name a name ("名字", "名前", "이름"); the weak ones ("我是", "私は", "저는") are as
// often followed by an occupation or a nationality, so they need a known surname and a stop list, or
// stay below the threshold.

import type { Hit } from './pii-core.js';

const WO = 0x6211; // 我
const WATASHI = 0x79c1; // 私
const JEO = 0xc800; // 저
const JE = 0xc81c; // 제
const NAE = 0xb0b4; // 내 ("my", informal)
const BOKU = 0x50d5; // 僕
const ORE = 0x4ffa; // 俺

/** Whether the scanner's pass should call scanCjkIntro at this code unit. */
export function cjkIntroStart(c: number): boolean {
  return c === WO || c === WATASHI || c === JEO || c === JE || c === NAE || c === BOKU || c === ORE;
}

// The most common Chinese surnames (simplified and traditional forms), about nine in ten people.
const CN_SURNAMES = new Set(
  '王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡余餘杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯温溫易常康施牛洪齐齊欧歐',
);
const CN_COMPOUND_SURNAMES = new Set([
  '欧阳',
  '歐陽',
  '司马',
  '司馬',
  '诸葛',
  '諸葛',
  '上官',
  '东方',
  '東方',
  '慕容',
  '令狐',
  '皇甫',
  '公孙',
  '公孫',
  '宇文',
]);
// Last characters of occupations, nationalities and roles ("学生", "老师", "中国人", "工程师", "经理"): not a name.
const CN_NOT_NAME_END = new Set('人生员員师師家者手长長士工们們的子理主友客户戶领領座学學头頭猿么麼');
// Words that open with a surname character but are no name ("我是白领", "我是高三", "我的名字是秘密").
const CN_NOT_NAME_START = new Set(
  '秘密 保密 匿名 什么 什麼 白痴 白领 白領 高手 高一 高二 高三 高中 高级 高級 石头 金主 周末 江湖 毛毛 方便 黄金 黃金 马上 馬上 林业 万能 萬能 常客 孔雀 于是 任何 何时 何時 王者 龙虾 龍蝦 温州 溫州 江苏 江蘇 江西 钱包 錢包'.split(
    ' ',
  ),
);

// Last kanji of occupations and nationalities after "私は" ("学生", "会社員", "日本人", "医者").
const JA_NOT_NAME_END = new Set('人員员生者師家手長');
// "私の名前は秘密です": not a name.
const JA_NOT_NAME = new Set(['秘密', '内緒', '匿名', 'ナイショ']);

// The most common Korean surnames: the weak "저는 X입니다" needs one of them first.
const KR_SURNAMES = new Set(
  '김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹탁국',
);
// Three-syllable words after "저는" that open with a surname syllable but name a role or a nationality.
const KR_NOT_NAME = new Set(
  '공무원 선생님 변호사 한국인 유학생 전문가 마지막 정치인 연구원 연예인 은행원 안내원 장애인 노동자 기술자 소유자 이용자 이민자 신청자 주인공 한국어 신입생 하숙생 소방관 경찰관 회사원 대학생 고등학 기획자 사업가 주부님 정도로'.split(
    ' ',
  ),
);
// Last syllables of roles ("선생님", "학생", "변호사", "외교관", "작가"): no given name ends so.
const KR_NOT_NAME_END = new Set('님생사관가');

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

function isKatakana(c: number): boolean {
  return (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc || c === 0x30fb;
}

function isHangul(c: number): boolean {
  return c >= 0xac00 && c <= 0xd7a3;
}

/** `text` at `at` starts with `s`. */
function at(text: string, i: number, s: string): boolean {
  return text.startsWith(s, i);
}

/** Past at most two spaces, colons or full-width spaces. */
function skipGap(text: string, i: number): number {
  let j = i;
  while (j - i < 2) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 58 || c === 0x3000 || c === 0xff1a) j++;
    else break;
  }
  return j;
}

/** A clause ends at `i`: punctuation, a space, a line break, a digit or the end of the text. */
function clauseEnd(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return (
    c <= 64 ||
    c === 0x3002 || // 。
    c === 0xff0c || // ，
    c === 0x3001 || // 、
    c === 0xff01 || // ！
    c === 0xff1f || // ？
    c === 0xff1b || // ；
    c === 0xff09 || // ）
    c === 0x300d || // 」
    c === 0x3000 ||
    c === 0x201d
  );
}

/** End of a Latin-script name at `j` ("Tom", "Anna Müller"): one or two capitalised words, or -1. */
function latinName(text: string, j: number): number {
  let e = j;
  for (let word = 0; word < 2; word++) {
    const c = text.charCodeAt(e);
    if (!(c >= 65 && c <= 90)) return word === 0 ? -1 : e - 1;
    let k = e + 1;
    while (k < text.length && k - e < 20) {
      const d = text.charCodeAt(k);
      if ((d >= 97 && d <= 122) || (d >= 0xdf && d <= 0xff && d !== 0xf7)) k++;
      else break;
    }
    if (k - e < 2) return word === 0 ? -1 : e - 1;
    e = k;
    if (word === 0 && text.charCodeAt(e) === 32 && isAsciiUpper(text.charCodeAt(e + 1))) e++;
    else break;
  }
  return e;
}

function isAsciiUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function push(out: Hit[], start: number, end: number, score: number, rule: string): void {
  out.push({ type: 'person', start, end, score, rule });
}

/** "我叫X", "我的名字是X", "我名叫X", "我是X" at `i` (text[i] is 我). */
function chinese(text: string, i: number, out: Hit[]): void {
  let j: number;
  let strong: boolean;
  let weak = false;
  if (at(text, i + 1, '的名字是') || at(text, i + 1, '的名字叫')) {
    j = i + 5;
    strong = true;
  } else if (at(text, i + 1, '名字是') || at(text, i + 1, '名字叫')) {
    j = i + 4;
    strong = true;
  } else if (at(text, i + 1, '名叫')) {
    j = i + 3;
    strong = true;
  } else if (at(text, i + 1, '叫')) {
    j = i + 2;
    strong = false;
  } else if (at(text, i + 1, '是')) {
    j = i + 2;
    strong = false;
    weak = true;
  } else return;
  j = skipGap(text, j);
  // "我叫Tom。", "我的名字是Anna Müller，": a Latin-script name after a strong phrase or 我叫.
  const latin = weak ? -1 : latinName(text, j);
  if (latin > 0) {
    if (clauseEnd(text, latin) || isHan(text.charCodeAt(latin))) push(out, j, latin, strong ? 0.75 : 0.7, 'name.intro.zh');
    return;
  }
  let e = j;
  while (e < text.length && e - j <= 4 && isHan(text.charCodeAt(e))) e++;
  const len = e - j;
  if (len < 2 || len > 4 || !clauseEnd(text, e)) return;
  const name = text.slice(j, e);
  if (CN_NOT_NAME_END.has(name.charAt(len - 1)) || CN_NOT_NAME_START.has(name.slice(0, 2))) return;
  if (strong) {
    push(out, j, e, 0.75, 'name.intro.zh');
    return;
  }
  // "我叫你", "我叫出租车", "我是学生": only a known surname makes the rest a name; after 我是 a name of two or three characters.
  if (!CN_SURNAMES.has(name.charAt(0)) && !CN_COMPOUND_SURNAMES.has(name.slice(0, 2))) return;
  if (weak && len > 3 && !CN_COMPOUND_SURNAMES.has(name.slice(0, 2))) return;
  push(out, j, e, weak ? 0.6 : 0.7, 'name.intro.zh');
}

/** "私の名前はXです" (also 僕, 俺), "私はXと申します" (flagged); "私はXです" (reported below the threshold). */
function japanese(text: string, i: number, out: Hit[]): void {
  let j: number;
  let strong: boolean;
  const c0 = text.charCodeAt(i);
  if (at(text, i + 1, 'の名前は')) {
    j = i + 5;
    strong = true;
  } else if (c0 === WATASHI && at(text, i + 1, 'は')) {
    j = i + 2;
    strong = false;
  } else return;
  j = skipGap(text, j);
  const latin = strong ? latinName(text, j) : -1;
  if (latin > 0) {
    if (at(text, latin, 'です') || at(text, latin, 'と申し') || at(text, latin, 'だ') || clauseEnd(text, latin))
      push(out, j, latin, 0.75, 'name.intro.ja');
    return;
  }
  // Kanji and katakana, with one space between family and given name; hiragana end the name (です, と).
  let e = j;
  let spaced = false;
  while (e < text.length && e - j <= 9) {
    const c = text.charCodeAt(e);
    if (isHan(c) || isKatakana(c)) e++;
    else if ((c === 32 || c === 0x3000) && !spaced && e > j && isHan(text.charCodeAt(e + 1))) {
      spaced = true;
      e++;
    } else break;
  }
  const len = e - j - (spaced ? 1 : 0);
  if (len < 2 || len > 6 || JA_NOT_NAME.has(text.slice(j, e))) return;
  const named = at(text, e, 'と申し') || at(text, e, 'と言い') || at(text, e, 'といい');
  if (!(named || at(text, e, 'です') || at(text, e, 'だ') || clauseEnd(text, e))) return;
  if (strong || named) push(out, j, e, 0.75, 'name.intro.ja');
  else if (at(text, e, 'です') && !JA_NOT_NAME_END.has(text.charAt(e - 1))) push(out, j, e, 0.45, 'name.intro.ja');
}

// Copulas after the name: 입니다 (formal), 이에요/이예요/예요 (polite), 이야/야 (informal), 이고, 라고/이라고 (quoting).
const KR_ENDINGS = ['입니다', '이에요', '이예요', '예요', '이라고', '라고', '이고', '이야', '야'];

/** "제 이름은 X입니다", "내 이름은 X야" (flagged), "저는 X입니다" with a surname and not a role (flagged lower). */
function korean(text: string, i: number, out: Hit[]): void {
  let j: number;
  let strong: boolean;
  const c0 = text.charCodeAt(i);
  if ((c0 === JE || c0 === NAE) && (at(text, i + 1, ' 이름은') || at(text, i + 1, '이름은'))) {
    j = i + (text.charCodeAt(i + 1) === 32 ? 5 : 4);
    strong = true;
  } else if (c0 === JEO && at(text, i + 1, '는')) {
    j = i + 2;
    strong = false;
  } else return;
  j = skipGap(text, j);
  const latin = strong ? latinName(text, j) : -1;
  if (latin > 0) {
    const next = text.charCodeAt(latin);
    if (isHangul(next) || clauseEnd(text, latin)) push(out, j, latin, 0.75, 'name.intro.ko');
    return;
  }
  let e = j;
  while (e < text.length && e - j < 10 && isHangul(text.charCodeAt(e))) e++;
  // The name is the run without its copula; a run with no copula ends at the clause end ("제 이름은 김민수.").
  let nameEnd = -1;
  for (const end of KR_ENDINGS) {
    const k = e - end.length;
    if (k > j && text.startsWith(end, k)) {
      nameEnd = k;
      break;
    }
  }
  if (nameEnd < 0 && strong && clauseEnd(text, e)) nameEnd = e;
  if (nameEnd < 0) return;
  const len = nameEnd - j;
  if (len < 2 || len > 4) return;
  const name = text.slice(j, nameEnd);
  if (name === '비밀') return;
  if (strong) {
    push(out, j, nameEnd, 0.75, 'name.intro.ko');
    return;
  }
  if (len !== 3 || !KR_SURNAMES.has(name.charAt(0)) || KR_NOT_NAME.has(name) || KR_NOT_NAME_END.has(name.charAt(2))) return;
  push(out, j, nameEnd, 0.6, 'name.intro.ko');
}

/** The self-introduction that may start at `i` (text[i] is one of those cjkIntroStart accepts). */
export function scanCjkIntro(text: string, i: number, out: Hit[]): void {
  const c = text.charCodeAt(i);
  if (c === WO) chinese(text, i, out);
  else if (c === WATASHI || c === BOKU || c === ORE) japanese(text, i, out);
  else korean(text, i, out);
}

// --- Names before a title or an honorific ("王建国经理", "山口美咲さん", "김민준 대리") ----------------------------

// The most common Japanese family names (kanji), about half of the population.
const JA_SURNAMES = new Set(
  `佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 斉藤 清水 山崎 森 池田 橋本 阿部 石川
  山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内
  小野 田村 中山 和田 石田 森田 上田 原 柴田 酒井 工藤 横山 宮崎 宮本 内田 高木 安藤 谷口 大野 丸山 今井 高田 藤本 武田 村田 上野 杉山 増田
  平野 大塚 千葉 久保 松井 小島 岩崎 桜井 野口 松尾 野村 木下 菊地 佐野 大西 杉本 新井 浜田 菅原 市川 水野 小松 島田 古川 小山 高野 西田 菊池
  山内 西川 五十嵐 北村 安田 中田 川口 平田 川崎 飯田 吉川 本田 久保田 沢田 辻 関 吉村 渡部 岩田 中西 服部 樋口 福島 川上 永井 松岡 田口 山中
  森本 土屋 矢野 広瀬 秋山 石原 松下 大橋 松浦 吉岡 小池 馬場 浅野 荒木 大久保 野田 小沢 田辺 川村 星野 黒田 堀 尾崎 望月 永田 熊谷 内藤 松村 西山
  大谷 平井 大島 岩本 片山 本間 早川 横田 岡崎 荒井 大石 鎌田 成田 宮田 小田 石橋 篠原 須藤 河野 大沢 小西 南 高山 栗原 伊東 松原 三宅 福井 大森
  奥村 岡 内山 片岡`.split(/\s+/),
);
/** Titles and honorifics after a name, by language; the name before them is read by that language's rule. */
const ZH_TITLES = [
  '先生',
  '女士',
  '小姐',
  '老师',
  '老師',
  '经理',
  '經理',
  '医生',
  '醫生',
  '同学',
  '同學',
  '主任',
  '教授',
  '律师',
  '律師',
  '总监',
  '總監',
  '的妈妈',
  '的媽媽',
  '的爸爸',
  '的家长',
  '的家長',
];
const JA_TITLES = ['さん', 'さま', '様', 'くん', '君', 'ちゃん', '先生', '氏', '殿'];
const KR_TITLES = [
  '씨',
  '님',
  '대리',
  '과장',
  '부장',
  '차장',
  '팀장',
  '사원',
  '주임',
  '실장',
  '이사',
  '대표',
  '선생님',
  '교수님',
  '원장',
  '간호사',
  '기자',
];
// Particles that may follow a Korean title, at most two ("김민준 대리는", "박지현 과장님께").
const KR_PARTICLES = new Set('은는이가을를의께에도와과랑님');

/** Per UTF-16 code unit: 1 where some title starts with it (the scanner's pass calls scanCjkTitled there). */
export const CJK_TITLE_START = new Uint8Array(65536);
for (const t of [...ZH_TITLES, ...JA_TITLES, ...KR_TITLES]) CJK_TITLE_START[t.charCodeAt(0)] = 1;

function isHiragana(c: number): boolean {
  return c >= 0x3041 && c <= 0x309f;
}

/** A name before the title that starts at `i`: "王建国经理", "刘晓雯的妈妈", "山口 美咲さん", "山口さん", "김민준 대리". */
export function scanCjkTitled(text: string, i: number, out: Hit[]): void {
  const c = text.charCodeAt(i);
  const prev = text.charCodeAt(i - 1);
  if (isHangul(c) || (c === 0x20 && isHangul(prev))) {
    const t = KR_TITLES.find((k) => at(text, i, k));
    if (t) koreanTitled(text, i, t, out);
    return;
  }
  for (const t of JA_TITLES) if (at(text, i, t) && japaneseTitled(text, i, t, out)) return;
  if (ZH_TITLES.some((k) => at(text, i, k))) chineseTitled(text, i, out);
}

/** The title ends a word: "대리" but not "대리점" (a title may take a particle). */
function koreanTitled(text: string, i: number, t: string, out: Hit[]): void {
  let after = i + t.length;
  while (after - i - t.length < 2 && KR_PARTICLES.has(text.charAt(after))) after++;
  if (isHangul(text.charCodeAt(after))) return;
  // the name: surname and a two-syllable given name, right before the title or one space before it
  const e = text.charCodeAt(i - 1) === 32 ? i - 1 : i;
  const s = e - 3;
  if (s < 0 || isHangul(text.charCodeAt(s - 1))) return;
  for (let k = s; k < e; k++) if (!isHangul(text.charCodeAt(k))) return;
  const name = text.slice(s, e);
  if (!KR_SURNAMES.has(name.charAt(0)) || KR_NOT_NAME.has(name) || KR_NOT_NAME_END.has(name.charAt(2))) return;
  push(out, s, e, 0.75, 'name.title.ko');
}

/** A Japanese family name (and given name) before an honorific; false when none is there. */
function japaneseTitled(text: string, i: number, t: string, out: Hit[]): boolean {
  // (さん and the like end the word; 様 in 様子 or 殿 in 殿堂 do not)
  const next = text.charCodeAt(i + t.length);
  if ((t === '様' || t === '殿' || t === '君' || t === '氏') && isHan(next)) return false;
  // the name before it: kanji (and a space), kana after a kanji family name
  let s = i;
  while (s > 0 && i - s < 8) {
    const p = text.charCodeAt(s - 1);
    if (isHan(p) || isKatakana(p) || (isHiragana(p) && isHan(text.charCodeAt(s - 2)))) s--;
    else if ((p === 32 || p === 0x3000) && s < i && isHan(text.charCodeAt(s - 2))) s--;
    else break;
  }
  if (s === i) return false;
  // a known family name at the start, then a given name or nothing: the longest one that fits
  for (let len = Math.min(3, i - s); len >= 1; len--) {
    for (let from = s; from + len <= i; from++) {
      const fam = text.slice(from, from + len);
      if (!JA_SURNAMES.has(fam)) continue;
      const rest = text.slice(from + len, i).replace(/^[ \u3000]/, '');
      if (rest.length > 4 || /[ \u3000]/.test(rest)) continue;
      push(out, from, i, rest.length > 0 ? 0.75 : 0.7, 'name.title.ja');
      return true;
    }
  }
  return false;
}

/** A Chinese name (surname and one or two characters) before a title or a "…的妈妈". */
function chineseTitled(text: string, i: number, out: Hit[]): void {
  for (const len of [3, 2, 4]) {
    const s = i - len;
    if (s < 0) continue;
    let han = true;
    for (let k = s; k < i; k++) if (!isHan(text.charCodeAt(k))) han = false;
    if (!han) continue;
    const name = text.slice(s, i);
    const compound = CN_COMPOUND_SURNAMES.has(name.slice(0, 2));
    if (len === 4 && !compound) continue;
    if (!compound && !CN_SURNAMES.has(name.charAt(0))) continue;
    if (CN_NOT_NAME_END.has(name.charAt(len - 1)) || CN_NOT_NAME_START.has(name.slice(0, 2))) continue;
    push(out, s, i, 0.7, 'name.title.zh');
    return;
  }
}
