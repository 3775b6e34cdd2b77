/**
 * Vietnamese signals. Many messages arrive without tone marks, so every pattern is written without
 * them; where that makes a syllable ambiguous ("danh" is both "beat" and "name"), the pattern
 * requires a context word (an object pronoun, "bị" passive, a following verb).
 */
import type { Lexicon } from './types.ts';

const ME = '(?:toi|chung toi|em|e|minh|chung em|con|tui|bon toi|co ay|chi ay|no)';
const DOC = '(?:ho chieu|pasport|giay to|the cu tru|visa|thi thuc|chung minh thu|can cuoc|hop dong)';

export const vi: Lexicon = {
  code: 'vi',
  script: 'latin',
  negators: ['khong', 'chua', 'chang', 'khg', 'kg', 'hong'],
  localNegators: ['ko', 'k', 'cha'],
  clauseBreaks: ['va', 'nhung', 'roi', 'sau do', 'vi'],
  signals: {
    confinement: [
      'nhot\\w*',
      `khoa (?:cua|trong|lai|${ME})\\b`,
      'bi khoa',
      `giam (?:giu|long|cam|${ME})\\b`,
      '(?:bat giu|bat coc|cam tu|giam cam)\\b',
      `!(?:khong|ko|k|chang) (?:\\w+ ){0,2}cho (?:\\w+ ){0,2}(?:ra ngoai|ra khoi|di ra|ve nha|roi khoi)`,
      '!(?:khong|ko) (?:the )?(?:ra ngoai|thoat ra|roi khoi|bo tron duoc)',
    ],
    'threat-to-kill': ['giet\\w*', 'doa (?:\\w+ )?(?:giet|chet)', '(?:se chet|bi giet|giet chet)\\b'],
    violence: [
      `danh (?:${ME}|nhau|dap|ca|moi ngay|hoai)\\b`,
      '(?:bi danh|danh dap|hanh ha|bao hanh|hiep dam|cuong hiep|xam hai|tra tan|bi thuong|chay mau|dam dap)\\b',
    ],
    weapon: ['(?:sung(?! suong)|vu khi|ma tau|dao phay|dao gam)\\b', '(?:cam|co|dung) (?:\\w+ )?dao\\b'],
    'sexual-exploitation': [
      '(?:ep|bat|buoc) (?:\\w+ ){0,2}(?:lam gai|ban dam|tiep khach|ngu voi|ban than)',
      '(?:lam gai|ban dam|mai dam|tiep khach|ban than)\\b',
    ],
    'being-sold': ['(?:bi ban\\b(?! be)|mua ban nguoi|ban sang trung quoc|ban (?:toi|em|chung toi) cho)'],
    'moving-now': [
      `(?:cho|dua|chuyen|dan) ${ME} (?:\\w+ ){0,3}(?:qua|sang|toi|den|di dau)\\b`,
      '(?:qua bien gioi|vuot bien|tren xe (?:tai|container|thung))',
    ],
    'no-food': [
      '!(?:khong|ko|chang|chua) (?:co )?(?:gi )?(?:de )?an\\b(?! toan| tam)',
      '!(?:khong|ko) (?:cho|duoc cho) (?:\\w+ )?an\\b',
      '!khong co (?:do an|thuc an|com|nuoc)',
      '(?:bo doi|nhin doi|doi bung|doi qua|doi lam)\\b',
    ],
    hiding: [
      '(?:dang tron|lan tron|tron thoat|tron trong|tron o)\\b',
      `(?:tim|tim kiem|san lung|duoi theo) ${ME}\\b`,
    ],
    'danger-now': ['(?:nguy hiem|gap nguy|nguy den tinh mang|so chet|khan cap)\\b'],
    'rescue-plea': [`cu (?:${ME}|voi)\\b`, '(?:cu mang|giai cu|sos)\\b'],
    'help-request': ['(?:giup (?:toi|em|do|voi|minh)|tro giup|ho tro)\\b'],
    'documents-taken': [
      `${DOC} (?:\\w+ )?(?:o|do) (?:chu|ong chu|ba chu|cong ty|moi gioi)\\b`,
      `(?:giu|lay|thu|tich thu|cam|khong tra|giu lai) (?:\\w+ ){0,3}${DOC}`,
      `${DOC} (?:\\w+ ){0,3}(?:bi giu|bi lay|khong tra)`,
    ],
    'debt-bondage': [
      '(?:tra no|tien no|khoan no|vay no|no nan|tru vao luong|bi tru (?:tien|luong))\\b',
      '(?:toi|chung toi|em|minh) no (?:\\w+ )?(?:moi gioi|cong ty|chu|tien|\\d+)',
      'no (?:\\w+ ){0,2}(?:cu tang|tang them|ngay cang)',
    ],
    'wages-withheld': [
      '!(?:khong|chua|ko|chang) (?:\\w+ ){0,3}(?:tra luong|duoc tra|nhan luong|co luong|tra tien|nhan duoc luong)',
      '(?:no luong|giu luong|quyt luong|khong luong)\\b',
    ],
    deception: [
      '(?:hua|noi la|bao la|quang cao) (?:\\w+ ){0,8}(?:nhung|ma|hoa ra)\\b',
      `(?:lua dao|bi lua|lua ${ME}|bi gat)\\b`,
    ],
    'forced-overtime': [
      '(?:1[2-9]|2[0-3]) (?:tieng|gio)\\b',
      '!khong (?:co )?(?:ngay )?nghi',
      '(?:lam ca ngay lan dem|ngay dem|7 ngay mot tuan)\\b',
    ],
    'forced-labour': [
      `(?:ep|bat|buoc) ${ME}? ?(?:lam|di xin|ban)\\b`,
      '(?:cuong buc lao dong|lao dong cuong buc|no le)\\b',
    ],
    isolation: ['(?:lay|giu|thu) (?:\\w+ ){0,2}dien thoai', '!khong (?:cho )?(?:goi|lien lac)'],
    threat: ['(?:de doa|doa bao cong an|doa duoi ve|doa truc xuat|doa)\\b'],
    child: ['(?:tre em|tre con|be gai|be trai|em be|vi thanh nien|chau be|con nit|thieu nien|duoi 18)\\b'],
    immediate: ['(?:bay gio|ngay lap tuc|toi nay|dem nay|hien tai|luc nay|gap)\\b'],
    'third-party-report': [
      '(?:ban toi|ban cua toi|chi toi|em gai toi|anh toi|hang xom|nguoi quen|toi thay|mot co|mot nguoi|mot nhom)\\b',
    ],
    uncertain: ['(?:toi nghi|co le|hinh nhu|nghi la|chac la|co ve)\\b'],
    'negated-danger': [
      '!khong (?:gap |bi |co )?nguy hiem',
      '(?:toi an toan|an toan roi|toi on|khong sao)\\b',
    ],
    hypothetical: ['neu (?:cong ty|chu|moi gioi|ong chu|bi)\\b'],
    question: [
      '(?:gi|nao|lam sao|the nao|o dau|bao nhieu|bao gio|ai|khong\\?)(?: |$|\\?)',
      '(?:hoi ve|muon hoi|cho hoi|chi hoi)\\b',
    ],
    'info-request': ['(?:thong tin|muon biet|tu van|huong dan|danh sach|thu tuc)\\b'],
    visa: [
      '(?:visa|thi thuc|giay phep lao dong|xuat khau lao dong|di lao dong|xkld|tu nghiep sinh|dinh cu)\\b',
    ],
    rights: ['(?:quyen loi|quyen|hop phap|bat hop phap|luat|hop dong)\\b'],
    'agency-check': ['(?:cong ty moi gioi|moi gioi|giay phep|uy tin|kiem tra|xac minh)\\b'],
    'job-offer': ['(?:viec lam|tuyen dung|don hang|di lam)\\b'],
    'hotline-info': ['(?:duong day nong|so dien thoai|tong dai|mien phi|lien he)\\b'],
    'greeting-only': ['(?:xin chao|chao|alo)\\b'],
    thanks: ['(?:cam on|camon|cm on|tks|ok|vang|da)\\b'],
    test: ['^thu(?: nghiem| thoi| tin nhan)?$', 'thu nghiem\\b'],
    spam: ['(?:khuyen mai|giam gia|trung thuong|vay von|vay tien|bam vao)\\b'],
    // Chain letters: pass this on to so many people, or bad luck follows.
    'chain-letter': ['(?:gui|chia se|chuyen|chuyen tiep) (?:\\w+ ){0,3}cho \\d+ (?:nguoi|ban|nhom)\\b'],
    work: ['(?:lam viec|dang lam)\\b'],
    filler: ['(?:ban|nhieu|rat|a|nhe|anh|chi|em|ban nhieu)\\b'],
  },
};
