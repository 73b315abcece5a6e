/** The people a newcomer can be when running locally (GET /dev/personas). */
export interface Persona {
  openid: string
  label: string
  description: string
}

export const PERSONAS: Persona[] = [
  { openid: 'dev-youth', label: '青年 · 王晓青', description: '阳城县润城镇上庄村团支部的团员，已登记青年档案' },
  { openid: 'dev-cadre', label: '团干部 · 李建国', description: '润城镇团委的团干部，习惯大字模式' },
  { openid: 'dev-admin', label: '管理员 · 张书记', description: '共青团阳城县委的管理员，管组织树、角色和邀请码' },
  { openid: 'dev-yuci-admin', label: '管理员 · 郭书记', description: '共青团榆次区委的管理员' },
  { openid: 'dev-committee', label: '委员 · 刘洋', description: '榆次区锦纶街道团工委委员，派驻锦纶街道团代表联络站·书香之站，联系5名团代表' },
  { openid: 'dev-rep', label: '团代表 · 赵敏', description: '榆次区锦纶街道的团代表，派驻书香之站，联系10名青年' },
  { openid: 'dev-clerk', label: '核销员 · 王秀兰', description: '润城镇青年之家兑换点的核销员，只在这个兑换点核对领取码、交付物资' },
]
