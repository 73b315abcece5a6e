/**
 * Every error code the system can answer, with the one Chinese sentence a person sees.
 * Codes are for programs (`DOMAIN.SNAKE_CASE`); messages are for people. Both sides import this file.
 */
export const ERRORS = {
  'GENERIC.BAD_INPUT': '填写的内容不符合要求，请检查后再试。',
  'GENERIC.UNKNOWN_ACTION': '不支持这个操作，请更新小程序后再试。',
  'GENERIC.NOT_FOUND': '没有找到相关内容，可能已被删除。',
  'GENERIC.CONFLICT': '数据刚被其他人修改，请刷新后再试。',
  'GENERIC.INTERNAL': '系统开小差了，请稍后再试。',
  'GENERIC.NETWORK': '网络不太好，请检查网络后再试。',
  'GENERIC.CONTENT_RISKY': '内容未通过安全检查，请修改后再提交。',
  'GENERIC.DUPLICATE_REQUEST': '这次提交与之前的一次编号相同但内容不同，请返回后重新填写。',

  'AUTH.UNAUTHENTICATED': '请先登录。',
  'AUTH.FORBIDDEN': '您没有权限进行这个操作。',

  'USER.NOT_REGISTERED': '请先完善青年档案。',
  'USER.NOT_FOUND': '没有找到这位青年，可能已注销。',
  'USER.ALREADY_REGISTERED': '您已经登记过青年档案，可以直接修改。',
  'USER.PRIVACY_NOT_ACCEPTED': '请先阅读并同意最新的隐私保护指引。',
  'USER.GUARDIAN_CONSENT_REQUIRED': '未满14周岁，需要监护人同意后才能登记。',
  'USER.AGE_OUT_OF_RANGE': '出生日期不在可登记的年龄范围内，请核对。',
  'USER.ID_MISMATCH': '身份证号与出生日期或性别不一致，请核对。',
  'USER.ID_TAKEN': '这个身份证号已登记在另一个账号上。如果不是您本人登记的，请带上身份证到所在团组织找团干部核实处理。',
  'USER.PHONE_TAKEN': '这个手机号已登记在另一个账号上。如果不是您本人登记的，请联系所在团组织的团干部核实处理。',

  'ORG.NOT_FOUND': '没有找到这个团组织。',
  'ORG.INVALID_PARENT': '这个团组织不能放在所选的上级组织下面。',
  'ORG.CYCLE': '不能把团组织移动到它自己或下级组织之下。',
  'ORG.HAS_CHILDREN': '团支部下面不能再设下级组织。',

  'ROLE.ABOVE_OWN': '不能授予高于自己的角色。',
  'ROLE.SELF': '不能修改自己的角色。',
  'ROLE.NOT_FOUND': '没有找到这个角色授权。',
  'ROLE.ALREADY_HELD': '对方已经拥有这个角色。',
  'ROLE.BOOTSTRAP_CLOSED': '系统已完成初始化，不能再次设置首位管理员。',
  'ROLE.NOT_FOR_VENUE': '只有核销员和团代表可以按兑换点（场所）授予，其他角色请按团组织授予。',

  'INVITE.INVALID': '邀请码不正确，请核对后再输入。',
  'INVITE.EXPIRED': '邀请码已过期，请联系发码人重新获取。',
  'INVITE.USED_UP': '邀请码已被用完，请联系发码人重新获取。',
  'INVITE.REVOKED': '邀请码已被作废，请联系发码人重新获取。',
  'INVITE.ALREADY_REDEEMED': '您已经使用过这个邀请码。',
  'INVITE.OWN': '不能使用自己发放的邀请码。',
  'INVITE.ISSUER_REVOKED': '发放这个邀请码的人已不再担任相应职务，邀请码已失效，请联系所在团组织重新获取。',

  'ACTIVITY.NOT_FOUND': '没有找到这个活动。',
  'ACTIVITY.BAD_SCHEDULE': '活动时间安排不合理，请检查开始、结束和报名时间。',
  'ACTIVITY.IN_PAST': '活动开始时间已经过去，请重新选择。',
  'ACTIVITY.NOT_EDITABLE': '活动已开始签到或已取消，不能再修改。',
  'ACTIVITY.ATTENDED': '已经有人签到，活动不能取消了；请在审核时处理签到记录。',
  'ACTIVITY.NOT_PUBLISHED': '活动还没有发布。',
  'ACTIVITY.CANCELLED': '活动已取消。',
  'ACTIVITY.CAPACITY_BELOW_SIGNED': '名额不能少于已报名人数。',
  'ACTIVITY.NOT_IN_AUDIENCE': '这个活动只面向指定组织或社群的青年。',
  'ACTIVITY.MODE_DISABLED': '这个活动不支持这种签到方式。',

  'SIGNUP.CLOSED': '不在报名时间内。',
  'SIGNUP.FULL': '名额已满。',
  'SIGNUP.ALREADY': '您已经报名了这个活动。',
  'SIGNUP.NOT_SIGNED': '您还没有报名这个活动。',
  'SIGNUP.TOO_LATE_TO_CANCEL': '活动已开始，不能取消报名。',
  'SIGNUP.REAL_NAME_REQUIRED': '这个活动要求实名报名：请先在青年档案里填写身份证号。',

  'CHECKIN.WINDOW_CLOSED': '不在签到时间内。',
  'CHECKIN.ALREADY': '您已经签到过了。',
  'CHECKIN.NOT_CHECKED_IN': '请先签到，再签退。',
  'CHECKIN.ALREADY_OUT': '您已经签退过了。',
  'CHECKIN.BAD_CODE': '签到码无效或已过期，请扫描现场最新的二维码，或输入二维码旁的6位数字。',
  'CHECKIN.WALK_IN_NEEDS_SCAN': '没有报名的青年现场加入，请扫描现场二维码或用定位签到。',
  'CHECKIN.TOO_MANY_TRIES': '签到码输错次数过多，请扫描现场二维码，或请组织者为您扫码签到。',
  'CHECKIN.LOCATION_REQUIRED': '请允许获取位置后再签到。',
  'CHECKIN.UNKNOWN_PERSON': '没有找到这位青年，或对方未报名。',
  'CHECKIN.SELF_SCAN': '不能扫描自己的签到码，请由其他组织者为您扫码。',

  'HOURS.NOT_PENDING': '这条时长记录不在待审核状态。',
  'HOURS.OWN_RECORD': '不能审核自己的时长。',
  'HOURS.NOT_APPROVED': '这条时长记录没有通过审核，无需撤销。',
  'HOURS.EVIDENCE_REQUIRED': '申报时长需要填写说明或上传照片作为证明。',
  'HOURS.DAY_FULL': '这一天的服务时长（签到与申报合计）不能超过24小时，请核对日期和时长。',
  'HOURS.ORG_NOT_OWN': '申报只能交给您所在的团组织或它的上级团组织审核，请重新选择。',

  'POINTS.INSUFFICIENT': '益币余额不足。',
  'POINTS.ADJUST_BELOW_ZERO': '扣减后余额会小于0，最多只能扣减当前余额。',
  'POINTS.ADJUST_SELF': '不能调整自己的益币，请由其他团干部办理。',
  'POINTS.POLICY_COUNTY_ONLY': '益币有效期只能由县区团委的管理员设置。',

  'VENUE.NOT_FOUND': '没有找到这个兑换点。',
  'VENUE.CLOSED': '这个兑换点已停用。',
  'VENUE.ORG_FIXED': '场所所属的团组织不能修改；如需调整，请在新的团组织下新建场所，再停用这一个。',
  'VENUE.KIND_FIXED': '场所类型不能修改；如需调整，请新建一个场所。',
  'VENUE.NOT_IN_ORG': '所选场所不在这个团组织及其下级之内，请重新选择。',

  'DONOR.NOT_FOUND': '没有找到这家爱心企业。',
  'DONOR.ORG_FIXED': '爱心企业所属的团组织不能修改。',
  'DONOR.OTHER_COUNTY': '只能选择本县登记的爱心企业。',
  'DONOR.NOTHING_GIVEN': '这家爱心企业还没有上架过捐赠物资，暂不能出具爱心证书。',

  'GOODS.NOT_FOUND': '没有找到这件物资，可能已下架。',
  'GOODS.ORG_FIXED': '物资所属的团组织不能修改；如需调整，请在新的团组织下新建物资。',
  'GOODS.VENUE_NOT_PICKUP': '领取地点只能选择兑换点。',
  'GOODS.VENUE_OTHER_COUNTY': '领取地点须是物资所属县的兑换点。',
  'GOODS.NO_VENUE': '上架前请至少设置1个开放的兑换点。',
  'GOODS.NO_PASSED_IMAGE': '上架前须至少有1张通过内容安全检查的图片，请等待检查结果或更换图片。',
  'GOODS.NOT_ON_SALE': '这件物资暂未开放兑换。',
  'GOODS.NOT_YET': '这件物资还没到开始兑换的时间。',
  'GOODS.ENDED': '这件物资的兑换时间已经结束。',
  'GOODS.SOLD_OUT': '已兑完，下次早点来。',
  'GOODS.NOT_ENOUGH': '库存不足，剩余数量少于您选择的数量。',
  'GOODS.LIMIT_REACHED': '超过限兑数量，每人可兑换的数量已用完。',
  'GOODS.STOCK_BELOW_TAKEN': '减少后的库存少于已被兑换的数量。',
  'GOODS.OTHER_COUNTY': '这件物资只面向所属县的志愿者兑换。',

  'ORDER.NOT_FOUND': '没有找到这笔兑换订单。',
  'ORDER.NOT_READY': '这笔订单已经不是待领取状态。',
  'ORDER.PICKED_UP': '这笔订单已经领取过了，不能重复领取。',
  'ORDER.CANCELLED': '这笔订单已取消，不能领取。',
  'ORDER.EXPIRED': '这笔订单已过领取期限，益币已退回。',
  'ORDER.WRONG_VENUE': '这笔订单不在本兑换点领取，请让对方到订单上列出的兑换点。',
  'ORDER.OTHER_COUNTY': '这是其他县的兑换订单，不能在这里核销。',
  'ORDER.CODE_WRONG': '兑换码不正确，请核对后再输入。',
  'ORDER.TOO_MANY_TRIES': '兑换码输错次数太多，请一小时后再试或扫码核销。',
  'ORDER.CODE_MISMATCH': '兑换码与订单不符。',
  'CERT.NOT_FOUND': '没有找到这份证明，请核对编号。',
  'FILE.NOT_OWN': '只能使用您自己上传的照片。',
  'FILE.NOT_FOUND': '照片没有上传成功，请重新选择后再提交。',
  'FILE.UPLOAD_FAILED': '照片上传失败，请检查网络后重试。',
  'FILE.TOO_LARGE': '照片太大了，请选择小于5MB的照片。',
  'FILE.BAD_TYPE': '只能上传 JPG、PNG 或 WebP 格式的照片。',
  'GROUP.NOT_FOUND': '没有找到这个社群。',
  'GROUP.CYCLE': '不能把社群移动到它自己或下级社群之下。',
  'GROUP.OTHER_COUNTY': '上级社群须与本社群所属团组织在同一县区。',
  'GROUP.PARENT_OUT_OF_SCOPE': '只能放在本组织或上级组织的社群之下，或您管理范围内的社群之下。',
  'GROUP.FULL': '这个社群人数已满，暂时不能加入。',
  'GROUP.NOT_MEMBER': '你还不是这个社群的成员。',
  'GROUP.INVITE_ONLY': '这个社群只能凭邀请码或扫社群二维码加入。',
  'GROUP.INVITE_WRONG': '邀请码不正确，请向社群管理员确认。',
  'GROUP.OWNER_CANNOT_LEAVE': '群主不能退出社群，请先请团干部转交群主。',
  'GROUP.OWNER_FIXED': '不能移出群主或更改群主的身份。',
  'GROUP.REQUEST_DONE': '这条加入申请已经处理过了。',
  'GROUP.MEMBERSHIP_NOT_FOUND': '没有找到这位成员或这条申请。',
  'GROUP.SCENE_INVALID': '二维码内容不正确或社群已不存在。',
  'ANNOUNCEMENT.NOT_FOUND': '没有找到这条公告。',
  'ANNOUNCEMENT.IMAGE_RISKY': '有图片未通过安全检查，请更换后再发布。',
  'REPLY.NOT_FOUND': '没有找到这条回复。',
  'STATION.NOT_FOUND': '没有找到这个联络站或青年之家。',
  'STATION.BAD_PARENT': '上级站不正确：分站须在总站之下，站须在总站或分站之下，总站没有上级。',
  'STATION.CYCLE': '不能把联络站移动到它自己或下级站之下。',
  'STATION.NOT_STATION': '所选场所不是联络站，请重新选择。',
  'STATION.NOT_YOUTH_HOME': '所选场所不是青年之家，请重新选择。',
  'STATION.NOT_POSTED': '您没有派驻在这个联络站，不能进站签到。',
  'STATION.BAD_DOOR_CODE': '进站码不正确或已过期，请扫描门口屏幕上最新的码。',
  'STATION.VISIT_NOT_FOUND': '没有找到这条进站记录。',
  'STATION.VISIT_ENDED': '这次进站接待已经结束了。',
  'STATION.ACTIVITY_NEEDS_VENUE': '联络站活动须选择举办的联络站和履职类型，青年之家活动须选择青年之家。',
  'POST.NOT_FOUND': '没有找到这条派驻记录。',
  'POST.ALREADY': '这位同志已派驻在这个联络站，如需调整请先结束原任期。',
  'POST.ENDED': '这条派驻的任期已经结束。',
  'POST.NOT_REPRESENTATIVE': '只能联系或分派给在任的团代表。',
  'POST.NOT_COMMITTEE': '只有在任的委员才能联系团代表。',
  'LINK.NOT_FOUND': '没有找到这条联系记录。',
  'LINK.SELF': '不能和自己建立联系。',
  'OPINION.NOT_FOUND': '没有找到这条意见。',
  'OPINION.WRONG_STATE': '这条意见当前的办理状态不能进行这一步，请刷新后查看。',
  'OPINION.NOT_ASSIGNEE': '这条意见没有分派给您，不能答复。',
  'OPINION.ASSIGNEE_OUT_OF_SCOPE': '只能分派给这个联络站（或范围内）在任的团代表。',
  'OPINION.POST_ENDED': '您已不在这个联络站任团代表，不能再答复这条意见；请联系团干部改派。',
  'OPINION.NOT_AUTHOR': '只有提交意见的青年本人可以评价。',
  'OPINION.PHOTO_RISKY': '有照片未通过安全检查，请更换后再提交。',
  'SURVEY.NOT_FOUND': '没有找到这份问卷。',
  'SURVEY.BAD_DEFINITION': '问卷题目设置不完整：单选、多选题至少两个选项，题目和选项编号不能重复。',
  'SURVEY.BAD_PERIOD': '问卷结束时间须晚于开始时间，且不超过一年。',
  'SURVEY.LOCKED': '已经有人作答，题目和选项不能再修改。',
  'SURVEY.NOT_OPEN': '这份问卷不在作答时间内。',
  'SURVEY.NOT_IN_AUDIENCE': '这份问卷不面向您所在的团组织或社群。',
  'SURVEY.ANSWERED': '您已经答过这份问卷了，每人只能作答一次。',
  'SURVEY.BAD_ANSWER': '答案不符合题目要求，请检查后再提交。',
} as const

export type ErrorCode = keyof typeof ERRORS

export interface ErrorIssue {
  path: (string | number)[]
  message: string
}

export interface ErrorBody {
  code: ErrorCode
  message: string
  issues?: ErrorIssue[]
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, code)
}

export function errorMessage(code: ErrorCode): string {
  return ERRORS[code]
}
