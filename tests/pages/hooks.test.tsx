import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { __pageHooks } from './__mocks__/taro'
import { LoadState } from '../../src/components/load-state'
import { useListPage } from '../../src/hooks/use-list-page'
import { usePageLoad } from '../../src/hooks/use-page-load'
import type { PagedList } from '../../src/hooks/use-paged-list'
import { ApiError } from '../../src/services/api'

/** A promise the test settles by hand, to choose the order in which answers arrive. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

beforeEach(() => {
  for (const k of Object.keys(__pageHooks)) delete __pageHooks[k]
})

describe('usePageLoad: a page’s load, error and retry', () => {
  it('loads once, shows the failure, and shows the answer once a retry succeeds', async () => {
    const load = jest.fn<Promise<string>, []>().mockRejectedValueOnce(new ApiError('GENERIC.NETWORK')).mockResolvedValueOnce('活动')
    const { result } = renderHook(() => usePageLoad(load, 'test.load'))
    expect(result.current.loading).toBe(true)
    await waitFor(() => expect(result.current.error?.code).toBe('GENERIC.NETWORK'))
    expect(result.current).toMatchObject({ data: null, loading: false })
    expect(load).toHaveBeenCalledTimes(1)

    await act(() => result.current.reload())
    expect(result.current).toMatchObject({ data: '活动', error: null, loading: false })
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('answers anything thrown as an ApiError, unknown failures as GENERIC.INTERNAL', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const load = async () => Promise.reject(new TypeError('boom'))
    const { result } = renderHook(() => usePageLoad(load, 'test.load'))
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ApiError))
    expect(result.current.error?.code).toBe('GENERIC.INTERNAL')
    ;(console.error as jest.Mock).mockRestore()
  })

  it('keeps what is shown while a reload is on its way, and after it fails', async () => {
    const second = deferred<string>()
    const load = jest.fn<Promise<string>, []>().mockResolvedValueOnce('第一次').mockReturnValueOnce(second.promise)
    const { result } = renderHook(() => usePageLoad(load, 'test.load'))
    await waitFor(() => expect(result.current.data).toBe('第一次'))
    let reloading!: Promise<void>
    act(() => void (reloading = result.current.reload()))
    expect(result.current).toMatchObject({ data: '第一次', loading: true })
    await act(async () => {
      second.reject(new ApiError('GENERIC.NETWORK'))
      await reloading
    })
    expect(result.current).toMatchObject({ data: '第一次', loading: false })
    expect(result.current.error?.code).toBe('GENERIC.NETWORK')
  })

  it('never lets an older answer replace a newer one', async () => {
    const slow = deferred<string>()
    const fast = deferred<string>()
    const load = jest.fn<Promise<string>, []>().mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)
    const { result } = renderHook(() => usePageLoad(load, 'test.load'))
    act(() => void result.current.reload())
    await act(async () => fast.resolve('新'))
    await act(async () => slow.resolve('旧'))
    expect(result.current).toMatchObject({ data: '新', loading: false })
  })

  it('starts over when the subject changes: the last subject’s answer is never shown for the next', async () => {
    const b = deferred<string>()
    const loads: Record<string, () => Promise<string>> = { a: async () => '活动A', b: () => b.promise }
    const { result, rerender } = renderHook(({ id }) => usePageLoad(loads[id], 'test.load'), { initialProps: { id: 'a' } })
    await waitFor(() => expect(result.current.data).toBe('活动A'))
    rerender({ id: 'b' })
    expect(result.current).toMatchObject({ data: null, error: null, loading: true })
    await act(async () => b.resolve('活动B'))
    expect(result.current).toMatchObject({ data: '活动B', loading: false })
  })

  it('loads nothing while there is nothing to load', () => {
    const { result } = renderHook(() => usePageLoad<string>(null, 'test.load'))
    expect(result.current).toMatchObject({ data: null, error: null, loading: false })
  })

  it('takes a newer value from the page without a round trip', async () => {
    const load = jest.fn(async () => ({ title: '植树', mine: null as string | null }))
    const { result } = renderHook(() => usePageLoad(load, 'test.load'))
    await waitFor(() => expect(result.current.data).not.toBeNull())
    act(() => result.current.setData((d) => (d ? { ...d, mine: 'signed' } : d)))
    expect(result.current.data).toEqual({ title: '植树', mine: 'signed' })
    expect(load).toHaveBeenCalledTimes(1)
  })
})

describe('LoadState: what a page shows before its first answer', () => {
  it('spins while loading, then shows the reason and a 重试 that loads again', async () => {
    const reload = jest.fn(async () => undefined)
    const { rerender } = render(<LoadState state={{ loading: true, error: null, reload }} errorId='e' retryId='r' />)
    expect(screen.getByText('正在加载…')).toBeTruthy()
    rerender(<LoadState state={{ loading: false, error: new ApiError('GENERIC.NETWORK'), reload }} errorId='e' retryId='r' />)
    expect(document.getElementById('e')?.textContent).toBe(new ApiError('GENERIC.NETWORK').message)
    fireEvent.click(document.getElementById('r')!)
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('offers the page’s own way forward instead of a retry that cannot help', () => {
    render(<LoadState state={{ loading: false, error: new ApiError('USER.NOT_REGISTERED'), reload: jest.fn() }} retryId='r' action={<button id='register'>去登记</button>} />)
    expect(document.getElementById('register')).toBeTruthy()
    expect(document.getElementById('r')).toBeNull()
  })
})

describe('useListPage: pull-down, reach-bottom and shown-again wiring', () => {
  function list(over: Partial<PagedList<unknown>> = {}) {
    return { hasMore: true, loading: false, loadMore: jest.fn(async () => undefined), reload: jest.fn(async () => undefined), ...over }
  }

  it('reloads the list and whatever else on pull-down, and stops the spinner only once both answered', async () => {
    const l = list()
    const summary = deferred<void>()
    renderHook(() => useListPage(l, { alsoRefresh: () => summary.promise }))
    act(() => void __pageHooks.pullDownRefresh?.())
    expect(l.reload).toHaveBeenCalledTimes(1)
    await act(async () => undefined)
    expect(Taro.stopPullDownRefresh).not.toHaveBeenCalled()
    await act(async () => summary.resolve())
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
  })

  it('stops the spinner even when a part fails, and logs the failure', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const l = list()
    renderHook(() => useListPage(l, { alsoRefresh: async () => Promise.reject(new Error('offline')) }))
    await act(async () => void __pageHooks.pullDownRefresh?.())
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1))
    expect(log).toHaveBeenCalledWith('[list] pull-down refresh', expect.objectContaining({ message: 'offline' }))
    log.mockRestore()
  })

  it('loads the next page at the bottom, but not while one is coming or when there is none', () => {
    const more = list()
    const { rerender } = renderHook(({ l }) => useListPage(l), { initialProps: { l: more } })
    act(() => void __pageHooks.reachBottom?.())
    expect(more.loadMore).toHaveBeenCalledTimes(1)

    const busy = list({ loading: true })
    rerender({ l: busy })
    act(() => void __pageHooks.reachBottom?.())
    const done = list({ hasMore: false })
    rerender({ l: done })
    act(() => void __pageHooks.reachBottom?.())
    expect(busy.loadMore).not.toHaveBeenCalled()
    expect(done.loadMore).not.toHaveBeenCalled()
  })

  it('reloads when the page is shown again, not when it is first shown, and only when asked', () => {
    const l = list()
    renderHook(() => useListPage(l, { reloadOnShow: true }))
    act(() => void __pageHooks.didShow?.())
    expect(l.reload).not.toHaveBeenCalled()
    act(() => void __pageHooks.didShow?.())
    act(() => void __pageHooks.didShow?.())
    expect(l.reload).toHaveBeenCalledTimes(2)

    const quiet = list()
    renderHook(() => useListPage(quiet))
    act(() => void __pageHooks.didShow?.())
    act(() => void __pageHooks.didShow?.())
    expect(quiet.reload).not.toHaveBeenCalled()
  })
})
