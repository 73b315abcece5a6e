import { z } from 'zod'

// Messages people see are Chinese, including zod's own defaults for fields without a message.
z.config(z.locales.zhCN())

/**
 * Building blocks shared by every contract. Every object is strict (unknown keys are refused, so no
 * mass assignment and no `__proto__`/`$set` keys), every string and array has a limit, every number
 * is a bounded integer unless it must not be.
 */

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
export const Id = z.string({ error: '编号格式不正确' }).regex(ID_PATTERN, { error: '编号格式不正确' })

// C0/C1 control characters other than tab/newline have no place in anything a person types.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u202A-\u202E]/

export function hasControlChars(s: string): boolean {
  return CONTROL_CHARS.test(s)
}

/** A trimmed, single-purpose text field with a Chinese label used in every message. */
export function Text(label: string, max: number, opts: { min?: number; multiline?: boolean } = {}) {
  const min = opts.min ?? 1
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, { error: min <= 1 ? `请填写${label}` : `${label}至少${min}个字` })
    .max(max, { error: `${label}不能超过${max}个字` })
    .refine((s) => !hasControlChars(s) && (opts.multiline || !/[\r\n\t]/.test(s)), {
      error: `${label}含有不可见的特殊字符`,
    })
}

/** A short list of short tags (skills, interests). */
export function Tags(label: string, maxItems: number, maxLen: number) {
  return z
    .array(Text(label, maxLen), { error: `${label}格式不正确` })
    .max(maxItems, { error: `${label}最多${maxItems}项` })
    .refine((xs) => new Set(xs).size === xs.length, { error: `${label}有重复项` })
}

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/
export const Mobile = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(MOBILE_PATTERN, { error: '请填写11位手机号' })

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The GB 11643 check character for the first 17 digits of a resident identity number. */
export function idCheckChar(body17: string): string {
  return ID_CHECK[ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body17[i]), 0) % 11]
}

/** GB 11643 resident identity number: 18 characters, valid date, valid check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false
  if (idCheckChar(id) !== id[17]) return false
  return isCalendarDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`)
}

export const IdNumber = z
  .string({ error: '请填写身份证号' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidIdNumber, { error: '身份证号不正确，请核对' })

/** Whole years completed from one calendar date (`YYYY-MM-DD`) to another: an age, the same on both sides. */
export function yearsBetween(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1
}

export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d
}

/** A calendar date (no time, no zone) such as a birth date: `YYYY-MM-DD`. */
export const CalendarDate = z
  .string({ error: '请选择日期' })
  .refine(isCalendarDate, { error: '日期格式不正确' })
  .refine((s) => s >= '1900-01-01' && s <= '2099-12-31', { error: '日期不在合理范围内' })

/**
 * A file in the project's own cloud storage, as the upload answers it:
 * `cloud://<env>.<bucket>/uploads/<userId>/<name>` (the local emulator answers the same shape).
 * URLs elsewhere are not ours and never accepted; the functions also check the file exists in this env.
 */
const UPLOAD_PATH_SOURCE = 'uploads/(u_[A-Za-z0-9_-]{22})/[A-Za-z0-9_-]{8,64}\\.(?:jpg|jpeg|png|webp)'
/** Where a phone may upload (storage rules: `database/storage-rules.json`): its user's own folder, images only. */
export const UPLOAD_PATH = new RegExp(`^${UPLOAD_PATH_SOURCE}$`)
export const FILE_ID_PATTERN = new RegExp(`^cloud://[A-Za-z0-9._-]{1,100}/${UPLOAD_PATH_SOURCE}$`)

/** The cloud path for a new upload by this user (`name`: random letters and an image extension). */
export function uploadPath(userId: string, name: string): string {
  return `uploads/${userId}/${name}`
}
export const FileId = z.string({ error: '照片格式不正确' }).max(260).regex(FILE_ID_PATTERN, { error: '只能使用在本小程序上传的照片' })

/** The user a file id was uploaded by (its folder), or null when it is not one of ours. */
export function fileOwner(fileId: string): string | null {
  return FILE_ID_PATTERN.exec(fileId)?.[1] ?? null
}

/**
 * The key a phone makes once for something it creates and sends again with every retry: a retry is
 * answered with what the first attempt made, never a second copy.
 */
export const RequestId = z.string({ error: '提交编号不正确' }).uuid({ error: '提交编号不正确' })

/** Epoch milliseconds; server-side times never come from the client, this is for filters and schedules. */
export const EpochMs = z.number().int().min(946684800000).max(4102444800000) // 2000-01-01 .. 2100-01-01

const PAGE_MAX = 50

/** Cursor paging: `limit` above the page size is clamped, not an error; there is no `skip`. */
export const PageInput = {
  cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]*$/, { error: '翻页参数不正确' }).optional(),
  limit: z
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .transform((n) => Math.min(n, PAGE_MAX))
    .default(20),
}

export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}
export type PageOf<T> = { items: T[]; nextCursor: string | null }

/** GCJ-02 coordinates, as WeChat's location APIs give them. */
export const Lat = z.number({ error: '纬度格式不正确' }).min(-90, { error: '纬度超出范围' }).max(90, { error: '纬度超出范围' })
export const Lng = z.number({ error: '经度格式不正确' }).min(-180, { error: '经度超出范围' }).max(180, { error: '经度超出范围' })

export const Empty = z.strictObject({})

/** One item's outcome in a batch (a review batch, an upload of scans): the batch goes on past a refused item. */
export const ItemResult = z.object({ id: z.string(), ok: z.boolean(), code: z.string().nullable(), message: z.string().nullable() })
export type ItemResultT = z.infer<typeof ItemResult>

export interface ActionSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** One line for docs/api.md. */
  summary: string
  /** Callable without a WeChat identity (e.g. verifying a certificate). */
  public?: boolean
  /** A cadre/admin mutation: the runtime insists that it writes exactly one audit entry. */
  audit?: boolean
  /** Run by a timer trigger (the trigger's name is the action's); refused to every user. */
  timer?: boolean
  /** Run by the message WeChat pushes with this `Event` (e.g. `wxa_media_check`); refused to every user. */
  push?: string
}

export interface Contract<A extends Record<string, ActionSpec> = Record<string, ActionSpec>> {
  name: string
  actions: A
}

export function defineContract<const A extends Record<string, ActionSpec>>(name: string, actions: A): Contract<A> {
  return { name, actions }
}

export type ActionName<C extends Contract> = keyof C['actions'] & string
export type InputOf<C extends Contract, K extends ActionName<C>> = z.input<C['actions'][K]['input']>
export type ParsedInputOf<C extends Contract, K extends ActionName<C>> = z.output<C['actions'][K]['input']>
export type OutputOf<C extends Contract, K extends ActionName<C>> = z.output<C['actions'][K]['output']>

/** WeChat's `wxa_media_check` push: the verdict on a picture sent to `security.mediaCheckAsync` earlier. */
export const MediaCheckPush = z.object({ trace_id: z.string().min(1).max(128), result: z.object({ suggest: z.string().max(20) }).optional() })
