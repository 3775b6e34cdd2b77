import { triageCases } from './triage-cases.ts';

triageCases('Indonesian', [
  { text: 'tolong, saya dikurung majikan dan tidak boleh keluar', priority: 'emergency', lang: 'id' },
  // SMS abbreviations and a split passive prefix.
  { text: 'tlg sy di kunci di kmr', priority: 'emergency' },
  { text: 'majikan memukul saya dan mengancam akan membunuh', priority: 'emergency' },
  { text: 'sudah dua hari tidak dikasih makan', priority: 'emergency' },
  { text: 'paspor saya dipegang agen', priority: 'urgent', reasons: ['documents-taken'] },
  { text: 'gaji belum dibayar 3 bulan', priority: 'urgent', reasons: ['wages-withheld'] },
  {
    text: 'saya tidak dikurung, cuma mau tanya syarat visa',
    priority: 'standard',
    reasons: ['negated-danger'],
  },
  { text: 'bagaimana cara cek agen resmi?', priority: 'standard' },
  { text: 'terima kasih', priority: 'noise' },
]);
