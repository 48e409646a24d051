import type { Rng } from './random.ts';

/**
 * Chinese personal names for the demo: common surnames, most frequent first (with a few that are
 * typical of southern Jiangsu, such as 恽, 缪 and 蒋), and given-name characters by gender.
 */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙朱马胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程',
  ...'苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯史陶顾毛钱龚邵万严',
  ...'戴孔汤庄华殷吉缪恽盛须储芮巢承',
];

// frequency falls off with rank, like real surname statistics (a Zipf-like curve)
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (i + 4));

const MALE = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国峰晨东文志海亮成康振毅锋',
  ...'彬铭哲睿轩博昊翔晖坤松柏荣庆德忠良兴永春立新力晓嘉逸航宏远卫民',
];
const FEMALE = [
  ...'芳娜敏静丽艳娟霞秀燕玲桂丹萍红琳婷雪倩颖慧莉琴云洁梅璐佳欣瑶怡蕾晶晓月凤萌悦彤雯菲妍薇',
  ...'蓉岚璇琪嘉思雨馨露清婉晴文春秋玉珍',
];

export type Gender = 'male' | 'female';

export function personName(rng: Rng, gender: Gender): string {
  const surname = rng.weighted(SURNAMES, SURNAME_WEIGHTS);
  const chars = gender === 'male' ? MALE : FEMALE;
  const first = rng.pick(chars);
  if (rng.chance(0.28)) return surname + first;
  let second = rng.pick(chars);
  while (second === first && rng.chance(0.9)) second = rng.pick(chars);
  return surname + first + second;
}

const MOBILE_PREFIXES = [
  '139',
  '138',
  '137',
  '136',
  '135',
  '158',
  '159',
  '150',
  '151',
  '152',
  '187',
  '188',
  '189',
  '180',
  '133',
  '153',
  '177',
  '181',
];

/** An 11-digit mainland mobile number, unique within `used`. */
export function mobile(rng: Rng, used: Set<string>): string {
  for (;;) {
    const n = `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}
