import type { Persona } from '../seed/personas'
import { PUBLIC_APP_PATH } from './static'

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The local persona chooser: stands in for WeChat's login so anyone can try every role. */
export function personaPage(personas: Persona[], current: string | null): string {
  const rows = personas
    .map(
      (p) => `<li><button data-openid="${esc(p.openid)}"><b>${esc(p.label)}</b><span>${esc(p.description)}</span></button></li>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>团青通 · 本地体验身份</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f6f6f6;color:#222}
header{background:#c8161d;color:#fff;padding:20px 16px}h1{margin:0;font-size:20px}p{margin:6px 0 0;font-size:14px;opacity:.9}
ul{list-style:none;margin:0;padding:12px}li{margin:0 0 10px}
button{width:100%;text-align:left;border:0;border-radius:10px;background:#fff;padding:14px 16px;font-size:16px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
button span{display:block;color:#666;font-size:13px;margin-top:4px}
.now{padding:0 16px;color:#666;font-size:13px}
</style></head><body>
<header><h1>选择体验身份</h1><p>本地运行时代替微信登录；生产环境身份由微信提供。</p></header>
<div class="now">当前身份：${current ? esc(current) : '未选择'}</div>
<ul>
${rows}
<li><button data-openid="new"><b>新用户</b><span>一个从未登记过的微信用户</span></button></li>
</ul>
<script>
// A link to a public page lands here only for want of a session (the hash survives the redirect from /): it needs none.
if (location.hash.indexOf('#/pages/verify/') === 0) location.replace('${PUBLIC_APP_PATH}' + location.hash)
document.querySelectorAll('button[data-openid]').forEach(function (b) {
  b.addEventListener('click', function () {
    var id = b.getAttribute('data-openid')
    if (id === 'new') id = 'dev-new-' + Math.random().toString(36).slice(2, 10)
    fetch('/dev/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: id }) })
      .then(function () { location.href = '/#/pages/index/index' })
  })
})
</script>
</body></html>`
}
