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

  'AUTH.UNAUTHENTICATED': '请先登录。',
  'AUTH.FORBIDDEN': '您没有权限进行这个操作。',

  'USER.NOT_REGISTERED': '请先完善青年档案。',
  'USER.ALREADY_REGISTERED': '您已经登记过青年档案，可以直接修改。',
  'USER.PRIVACY_NOT_ACCEPTED': '请先阅读并同意最新的隐私保护指引。',
  'USER.GUARDIAN_CONSENT_REQUIRED': '未满14周岁，需要监护人同意后才能登记。',
  'USER.AGE_OUT_OF_RANGE': '出生日期不在可登记的年龄范围内，请核对。',
  'USER.ID_MISMATCH': '身份证号与出生日期或性别不一致，请核对。',

  'ORG.NOT_FOUND': '没有找到这个团组织。',
  'ORG.INVALID_PARENT': '这个团组织不能放在所选的上级组织下面。',
  'ORG.CYCLE': '不能把团组织移动到它自己或下级组织之下。',
  'ORG.HAS_CHILDREN': '团支部下面不能再设下级组织。',

  'ROLE.ABOVE_OWN': '不能授予高于自己的角色。',
  'ROLE.SELF': '不能修改自己的角色。',
  'ROLE.NOT_FOUND': '没有找到这个角色授权。',
  'ROLE.ALREADY_HELD': '对方已经拥有这个角色。',
  'ROLE.BOOTSTRAP_CLOSED': '系统已完成初始化，不能再次设置首位管理员。',

  'INVITE.INVALID': '邀请码不正确，请核对后再输入。',
  'INVITE.EXPIRED': '邀请码已过期，请联系发码人重新获取。',
  'INVITE.USED_UP': '邀请码已被用完，请联系发码人重新获取。',
  'INVITE.REVOKED': '邀请码已被作废，请联系发码人重新获取。',
  'INVITE.ALREADY_REDEEMED': '您已经使用过这个邀请码。',
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
