/**
 * Indonesian signals, including the SMS abbreviations migrant workers use ("sy", "tdk", "blm",
 * "tlg", "gk"). "tolong" means both "help" and "please", so alone it is only a help request.
 */
import type { Lexicon } from './types.ts';

const NEG = '(?:tidak|tak|gak|nggak|ngak|enggak|ga|nga|tdk|gk|ndak|belum|blm)';
const DOC = '(?:paspor\\w*|pasport\\w*|ktp|dokumen\\w*|surat surat|visa|kontrak|identitas)';

export const id: Lexicon = {
  code: 'id',
  script: 'latin',
  negators: [
    'tidak',
    'tak',
    'tdk',
    'bukan',
    'belum',
    'blm',
    'gak',
    'nggak',
    'ngak',
    'enggak',
    'ga',
    'gk',
    'ndak',
    'jangan',
  ],
  particles: ['kok', 'sih', 'kan', 'lah', 'dong', 'juga', 'pernah', 'sama sekali'],
  clauseBreaks: ['dan', 'tapi', 'lalu', 'terus', 'karena', 'soalnya', 'trus'],
  signals: {
    confinement: [
      '(?:di ?kurung|terkurung|kurung)\\w*',
      '(?:di ?kunci\\w*|terkunci|di ?sekap|sekap|di ?sandera|di ?culik)\\b',
      'ditahan (?:di|dalam)\\b',
      `!${NEG} (?:\\w+ ){0,2}(?:boleh|bisa|diizinkan|dibolehkan|dikasih|dibiarkan) (?:\\w+ )?(?:keluar|pergi|pulang|kabur)`,
      '!dilarang (?:keluar|pergi)',
    ],
    'threat-to-kill': ['(?:dibunuh|membunuh|bunuh|ancaman mati)\\b', 'ancam\\w* (?:\\w+ )?(?:bunuh|mati)'],
    violence: [
      '(?:mukul\\w*|gebuk\\w*|digebuk\\w*|nendang|nampar|dijambak|jambak|nyiksa|di ?pukul\\w*|memukul\\w*|pukul(?! \\d)|dianiaya|aniaya|disiksa|siksa\\w*|ditampar|tampar|ditendang|diperkosa|perkosa|dilecehkan|pelecehan|kekerasan|dihajar|luka|berdarah)\\b',
    ],
    weapon: ['(?:senjata|pistol|pisau|golok|parang|senapan)\\b'],
    'sexual-exploitation': [
      '(?:dipaksa|paksa) (?:\\w+ ){0,2}(?:melayani tamu|jual diri|menjual diri|berhubungan|tidur dengan|melacur)',
      '(?:pelacur\\w*|prostitu\\w*|melayani tamu|jual diri|psk|dilacurkan)\\b',
    ],
    'being-sold': ['(?:dijual|diperjualbelikan)\\b', 'menjual (?:saya|kami|perempuan|anak|orang)\\b'],
    'moving-now': [
      '(?:dibawa|dipindah\\w*|diangkut|diseberangkan|dikirim) (?:\\w+ ){0,3}(?:ke|sekarang|malam ini|pakai|naik)\\b',
      '(?:di|dalam|naik) (?:truk|mobil|kapal|van|kontainer) (?:\\w+ ){0,3}(?:sekarang|malam ini)\\b',
    ],
    'no-food': [
      `!${NEG} (?:\\w+ ){0,2}(?:makan|dikasih makan|diberi makan|ada makanan)\\b`,
      '!tanpa makan\\w*',
      '(?:kelaparan|lapar)\\b',
    ],
    hiding: [
      '(?:sembunyi\\w*|bersembunyi|kabur\\w*|melarikan diri|dicari\\w*)\\b',
      '(?:mencari|nyari|cari) (?:saya|kami|aku|sy)\\b',
    ],
    'danger-now': ['(?:dalam bahaya|bahaya|terancam|darurat|takut mati)\\b'],
    'rescue-plea': ['(?:selamatkan|sos)\\b'],
    'help-request': ['(?:tolong|tlg|tolongin|bantu\\w*|minta tolong)\\b'],
    'documents-taken': [
      `${DOC} (?:\\w+ )?(?:ada )?(?:di|sama|sm) (?:majikan|agen|bos|pt|kantor|sponsor)\\b`,
      `(?:di ?tahan|di ?pegang|di ?ambil|di ?sita|di ?simpan|ambil|tahan|pegang|simpan|sita|nahan|megang) (?:\\w+ ){0,3}${DOC}`,
      `${DOC} (?:\\w+ ){0,3}(?:di ?tahan|di ?pegang|di ?ambil|di ?sita|di ?simpan)\\b`,
      `!${DOC} (?:\\w+ ){0,3}(?:tidak|tak|gak|belum) (?:di)?kembalikan`,
    ],
    'debt-bondage': [
      '(?:hutang\\w*|utang\\w*|dipotong|potongan|cicil\\w*)\\b',
      '(?:potong\\w* gaji|bayar (?:kembali|balik)|ganti rugi)',
    ],
    'wages-withheld': [
      `!${NEG} (?:\\w+ ){0,3}(?:di ?bayar|di ?gaji|gajian|bayar gaji|terima gaji|di ?kasih gaji|digajih)\\b`,
      `!gaji (?:\\w+ ){0,3}${NEG} (?:\\w+ )?(?:di ?bayar|di ?kasih|keluar|di ?berikan|di ?bayarkan)`,
      '!tanpa (?:gaji|upah|bayaran)',
      '!no salary',
      'gaji (?:\\w+ )?ditahan',
    ],
    deception: [
      '(?:dijanjikan|janji\\w*) (?:\\w+ ){0,8}(?:tapi|ternyata|malah)\\b',
      '(?:ditipu|dibohongi|dikibulin)\\b',
      '(?:menipu|membohongi) (?:saya|kami)\\b',
    ],
    'forced-overtime': [
      '(?:1[2-9]|2[0-3]) (?:jam|jm)\\b',
      '!tanpa (?:hari )?libur',
      `!${NEG} (?:ada |pernah |dikasih )?libur`,
      '(?:siang malam|7 hari seminggu)\\b',
    ],
    'forced-labour': [
      '(?:dipaksa|paksa) (?:\\w+ ){0,2}(?:kerja|bekerja|mengemis|menjual|mencuri)\\b',
      '(?:kerja paksa|perbudakan|budak)\\b',
    ],
    isolation: [
      '(?:hp|handphone|ponsel|telepon) (?:\\w+ ){0,2}(?:diambil|disita|ditahan)\\b',
      '(?:diambil|disita|ditahan) (?:\\w+ ){0,2}(?:hp|handphone|ponsel)\\b',
    ],
    threat: ['(?:ancam\\w*|diancam|mengancam|dideportasi)\\b', 'dilaporkan ke polisi'],
    child: ['(?:anak\\w*|bocah|balita|bayi|remaja)\\b', '(?:di bawah umur|dibawah umur|gadis kecil)'],
    immediate: ['(?:sekarang|skrg|skrang|segera|cepat)\\b', '(?:malam ini|saat ini)'],
    'third-party-report': [
      '(?:teman saya|temen|saudara saya|kakak saya|adik saya|tetangga|sepupu|saya lihat|saya melihat)\\b',
      'ada (?:beberapa )?(?:perempuan|cewek|pekerja|orang)\\b',
    ],
    uncertain: ['(?:sepertinya|kayaknya|kayanya|mungkin|saya rasa|saya kira|curiga|kelihatannya)\\b'],
    'negated-danger': [`!${NEG} (?:dalam )?bahaya`, '(?:saya aman|aman kok|baik baik saja)\\b'],
    hypothetical: [
      '(?:bagaimana kalau|gimana kalau)\\b',
      'kalau (?:majikan|agen|bos)\\b',
      'boleh(?:kah)? (?:majikan|agen) (?:menahan|mengambil)',
    ],
    question: [
      '(?:apa|apakah|bagaimana|gimana|dimana|di mana|kapan|kenapa|mengapa|berapa|siapa|bisakah|bolehkah)\\b',
      '(?:mau tanya|mau nanya|cuma tanya|bertanya)\\b',
    ],
    'info-request': ['(?:info\\w*|syarat\\w*|prosedur|daftar|cara)\\b'],
    visa: [
      '(?:visa|izin kerja|ijin kerja|kerja resmi|tki|pmi|bp2mi|migran|imigrasi)\\b',
      'ke luar negeri|keluar negeri',
    ],
    rights: ['(?:hak|legal|ilegal|hukum|kontrak|undang undang|resmi)\\b'],
    'agency-check': ['(?:agen|agensi|pt|perusahaan|resmi|terdaftar|izin|cek|periksa)\\b'],
    'job-offer': ['(?:lowongan|tawaran|loker|penawaran)\\b', 'kerja di luar negeri'],
    'hotline-info': ['(?:hotline|nomor|nomer|gratis|kantor|layanan)\\b'],
    'greeting-only': [
      '(?:halo|hai|hi|pagi|permisi|asalamualaikum|assalamualaikum)\\b',
      'selamat (?:pagi|siang|sore|malam)',
    ],
    thanks: [
      '(?:makasih|terima kasih|trims) (?:infonya|bantuannya|atas (?:info|bantuan)\\w*)',
      '(?:terima kasih|terimakasih|makasih|trims|thx|tq|ok|oke|siap|baik)\\b',
    ],
    test: ['(?:tes|test|coba|percobaan)\\b'],
    spam: [
      '(?:gratis|promo|diskon|menang|hadiah|pinjaman|pinjol|modal|bonus|untung|klik)\\b',
      '(?:tanpa modal|hubungi wa|daftar sekarang)',
      'wa \\d',
    ],
    // Chain letters: pass this on to so many people, or bad luck follows.
    'chain-letter': [
      '(?:sebarkan|kirim\\w*|bagikan|share|teruskan) (?:\\w+ ){0,3}ke \\d+ (?:orang|grup|group|teman|kontak)\\b',
      'jangan (?:berhenti di kamu|diputus)',
    ],
    work: ['(?:bekerja|kerja|dipekerjakan)\\b'],
    filler: ['(?:ya|yah|kak|min|bu|pak|dong|deh|nih|sih|aja|mas|mbak|sy|saya|banyak)\\b'],
  },
};
