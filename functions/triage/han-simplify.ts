/**
 * Traditional → simplified Chinese for the characters the lexicons use, so one simplified pattern
 * also matches messages typed in Taiwan, Hong Kong or Macau. Not a general converter.
 */

const PAIRS =
  '鎖锁關关門门殺杀幫帮們们錢钱債债給给還还讓让離离開开飯饭飢饥餓饿槍枪強强賣卖買买騙骗資资發发問问' +
  '謝谢請请這这個个兒儿歲岁無无沒没動动車车運运帶带護护證证簽签邊边險险嗎吗與与時时會会來来從从對对' +
  '說说話话電电機机緊紧報报員员費费應应該该麼么館馆處处廠厂勞劳許许權权號号碼码稱称試试測测務务' +
  '禁禁聯联繫系繼继續续脅胁嚇吓綁绑偽伪假假職职業业辦办導导齡龄嬰婴孩孩妹妹們们跑跑躲躲藏藏認认識识' +
  '沒没薪薪扣扣違违規规絡络麼么幣币貸贷點点擊击讚赞獎奖贏赢優优惠惠價价條条陪陪淫淫奴奴鐘钟頭头' +
  '邊边境境協协助助師师傷伤虐虐暴暴強强姦奸擄掳拐拐販贩賣卖逃逃脫脱搶抢傭佣護护雇雇僱雇夥伙間间裡里裏里廁厕';

const map = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  const from = PAIRS[i]!;
  const to = PAIRS[i + 1]!;
  if (from !== to) map.set(from, to);
}

export const HAN_SIMPLIFY: ReadonlyMap<string, string> = map;
