import { triageCases } from './triage-cases.ts';

triageCases('Vietnamese', [
  { text: 'cứu tôi với, họ nhốt tôi trong phòng', priority: 'emergency', lang: 'vi' },
  // Without tone marks, as many messages arrive.
  { text: 'cuu toi voi, ho nhot toi trong phong', priority: 'emergency', lang: 'vi' },
  { text: 'chủ đánh tôi và dọa giết tôi', priority: 'emergency' },
  { text: 'chúng tôi không có gì ăn hai ngày rồi', priority: 'emergency' },
  { text: 'môi giới giữ hộ chiếu của tôi', priority: 'urgent', reasons: ['documents-taken'] },
  { text: 'ba thang roi khong duoc tra luong', priority: 'urgent', reasons: ['wages-withheld'] },
  { text: 'tôi không bị nhốt, chỉ muốn hỏi về visa', priority: 'standard', reasons: ['negated-danger'] },
  { text: 'lam sao kiem tra cong ty moi gioi co giay phep?', priority: 'standard' },
  { text: 'cảm ơn', priority: 'noise' },
]);
