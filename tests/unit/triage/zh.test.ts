import { triageCases } from './triage-cases.ts';

triageCases('Chinese', [
  { text: '救命，老板把我们锁在仓库里', priority: 'emergency', lang: 'zh' },
  // Traditional characters are matched too.
  { text: '救命，老闆把我們鎖在倉庫裡', priority: 'emergency', lang: 'zh' },
  { text: '他打我，还说要杀了我', priority: 'emergency' },
  { text: '我们两天没有吃的了', priority: 'emergency' },
  { text: '一个13岁的孩子被逼在工厂干活，现在还在那里', priority: 'emergency', minor: true },
  { text: '中介扣了我的护照', priority: 'urgent', reasons: ['documents-taken'] },
  { text: '老板三个月没发工资', priority: 'urgent', reasons: ['wages-withheld'] },
  { text: '我没有被关起来，只是想咨询签证', priority: 'standard', reasons: ['negated-danger'] },
  { text: '怎么查中介是不是正规的？', priority: 'standard' },
  { text: '谢谢', priority: 'noise' },
]);
