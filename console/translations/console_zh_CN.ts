<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionLog</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>直播间</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>hotkey {key}</source>
        <translation>快捷键 {key}</translation>
    </message>
    <message>
        <source>global {key}</source>
        <translation>全局快捷键 {key}</translation>
    </message>
    <message>
        <source>button</source>
        <translation>按钮</translation>
    </message>
    <message>
        <source>click</source>
        <translation>点击</translation>
    </message>
    <message>
        <source>key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>rundown</source>
        <translation>场控流程</translation>
    </message>
    <message>
        <source>product editor</source>
        <translation>商品编辑</translation>
    </message>
    <message>
        <source>command bar</source>
        <translation>命令栏</translation>
    </message>
    <message>
        <source>cue</source>
        <translation>流程提示</translation>
    </message>
    <message>
        <source>palette</source>
        <translation>命令面板</translation>
    </message>
</context>
<context>
    <name>AddProductDialog</name>
    <message>
        <source>Add product</source>
        <translation>添加商品</translation>
    </message>
    <message>
        <source>e.g. steak-ribeye-1kg</source>
        <translation>例如 steak-ribeye-1kg</translation>
    </message>
    <message>
        <source>e.g. 69</source>
        <translation>例如 69</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Price (¥)</source>
        <translation>到手价（¥）</translation>
    </message>
</context>
<context>
    <name>BansPane</name>
    <message>
        <source>Who</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>封禁时间</translation>
    </message>
    <message>
        <source>Banned for</source>
        <translation>封禁原因</translation>
    </message>
    <message>
        <source>Lift the selected ban (barrage.unban); Delete does too</source>
        <translation>解除所选封禁（barrage.unban）；按 Delete 也可</translation>
    </message>
    <message numerus="yes">
        <source>Bans · %n this show · ↑/↓ select · Unban (Delete) lifts one</source>
        <translation>
            <numerusform>封禁 · 本场 %n 人 · ↑/↓ 选择 · 解封（Delete）解除一项</numerusform>
        </translation>
    </message>
    <message>
        <source>Bans · nobody banned this show</source>
        <translation>封禁 · 本场无人被封禁</translation>
    </message>
</context>
<context>
    <name>BarrageDock</name>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>Bloc&amp;ked</source>
        <translation>已拦截(&amp;K)</translation>
    </message>
    <message>
        <source>Ba&amp;ns</source>
        <translation>封禁(&amp;N)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Ban user</source>
        <translation>封禁用户</translation>
    </message>
    <message>
        <source>Pin on air</source>
        <translation>置顶上屏</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Barrage</source>
        <translation>弹幕</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>弹幕流</translation>
    </message>
    <message>
        <source>Hold the feed still</source>
        <translation>暂停滚动</translation>
    </message>
    <message>
        <source>Feed filter (barrage.filter)</source>
        <translation>弹幕筛选（barrage.filter）</translation>
    </message>
    <message>
        <source>{filter}: {product}</source>
        <translation>{filter}：{product}</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>放出</translation>
    </message>
    <message>
        <source>Unban</source>
        <translation>解封</translation>
    </message>
    <message numerus="yes">
        <source>%n new ↓</source>
        <translation>
            <numerusform>%n 条新弹幕 ↓</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Review queue · %n held · ↑/↓ select</source>
        <translation>
            <numerusform>审核队列 · 待审 %n 条 · ↑/↓ 选择</numerusform>
        </translation>
    </message>
    <message>
        <source>Review queue · nothing held</source>
        <translation>审核队列 · 没有待审弹幕</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>ON AIR {room} {seconds} s · {comment}</source>
        <translation>已上屏 {room} {seconds} 秒 · {comment}</translation>
    </message>
    <message>
        <source>checking OBS</source>
        <translation>正在向 OBS 确认</translation>
    </message>
    <message>
        <source>PINNED {room}, NOT ON AIR ({why}) · {comment}</source>
        <translation>已置顶 {room}，未上屏（{why}）· {comment}</translation>
    </message>
    <message>
        <source>No comment pinned</source>
        <translation>没有置顶弹幕</translation>
    </message>
    <message>
        <source>Suggested answer — {answer}</source>
        <translation>建议回答 — {answer}</translation>
    </message>
    <message>
        <source>Select a held comment (↑/↓) or click one in the feed</source>
        <translation>选择一条待审弹幕（↑/↓），或在弹幕流中点击一条</translation>
    </message>
</context>
<context>
    <name>BarrageFeed</name>
    <message>
        <source>{user} joined</source>
        <translation>{user} 进入直播间</translation>
    </message>
    <message>
        <source>{user} liked the stream</source>
        <translation>{user} 点赞了直播</translation>
    </message>
    <message>
        <source>{user} followed</source>
        <translation>{user} 关注了主播</translation>
    </message>
    <message>
        <source>a gift</source>
        <translation>礼物</translation>
    </message>
    <message>
        <source>{user} sent {gift}</source>
        <translation>{user} 送出 {gift}</translation>
    </message>
    <message>
        <source>{user} ordered {item}</source>
        <translation>{user} 下单了 {item}</translation>
    </message>
    <message>
        <source>{user} ordered</source>
        <translation>{user} 下单了</translation>
    </message>
</context>
<context>
    <name>BlockedPane</name>
    <message>
        <source>A false alarm: let the selected blocked comment through (barrage.release); counted for its rule</source>
        <translation>误拦：放出所选被拦截的弹幕（barrage.release）；计入该规则的误拦数</translation>
    </message>
    <message numerus="yes">
        <source>Blocked · %n kept · ↑/↓ select · Release lets a false alarm through</source>
        <translation>
            <numerusform>已拦截 · 保留 %n 条 · ↑/↓ 选择 · 放出误拦的弹幕</numerusform>
        </translation>
    </message>
    <message>
        <source>Blocked · nothing blocked</source>
        <translation>已拦截 · 暂无</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <source>Hotkeys and commands</source>
        <translation>快捷键与命令</translation>
    </message>
    <message>
        <source>Hotkeys work whenever the console window is active; bold ones (global) also while another window (OBS) has focus. Enter on a binding rebinds it.</source>
        <translation>快捷键在中控台窗口处于活动状态时随时可用；粗体的（全局快捷键）在其他窗口（如 OBS）获得焦点时也可用。在某个绑定上按 Enter 即可重新绑定。</translation>
    </message>
    <message>
        <source>Rebind…</source>
        <translation>重新绑定…</translation>
    </message>
    <message>
        <source>Hotkeys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>global: also fires while another window has focus</source>
        <translation>全局：其他窗口获得焦点时也会触发</translation>
    </message>
    <message>
        <source>this cheat sheet</source>
        <translation>本速查表</translation>
    </message>
    <message>
        <source>command palette: every command, completed</source>
        <translation>命令面板：所有命令，自动补全</translation>
    </message>
    <message>
        <source>中文 / English</source>
        <translation>中文 / English</translation>
    </message>
</context>
<context>
    <name>HostPanel</name>
    <message>
        <source>answer proposed with Q (barrage.answer) appears here</source>
        <translation>按 Q（barrage.answer）生成的回答显示在这里</translation>
    </message>
    <message>
        <source>Speak answer</source>
        <translation>播报回答</translation>
    </message>
    <message>
        <source>■ STOP host</source>
        <translation>■ 急停数字人</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>I&apos;m here</source>
        <translation>我在</translation>
    </message>
    <message>
        <source>prohibited term {term!r}</source>
        <translation>违禁词 {term!r}</translation>
    </message>
    <message>
        <source>HOST  ON AIR · {line}</source>
        <translation>数字人  播报中 · {line}</translation>
    </message>
    <message>
        <source> · {seconds} s</source>
        <translation> · {seconds} 秒</translation>
    </message>
    <message>
        <source> / {seconds} s left</source>
        <translation> / 剩余 {seconds} 秒</translation>
    </message>
    <message>
        <source>HOST  preparing {line}…</source>
        <translation>数字人  正在准备 {line}…</translation>
    </message>
    <message>
        <source>HOST  held · 1 line from before the restart: room.restore</source>
        <translation>数字人  挂起 · 重启前的 1 句待播：room.restore</translation>
    </message>
    <message numerus="yes">
        <source>HOST  held · %n lines from before the restart: room.restore</source>
        <translation>
            <numerusform>数字人  挂起 · 重启前的 %n 句待播：room.restore</numerusform>
        </translation>
    </message>
    <message>
        <source>HOST  silent</source>
        <translation>数字人  静音</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>口播</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>中控</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>AUTOPILOT  {state}</source>
        <translation>自动播  {state}</translation>
    </message>
    <message>
        <source> · presence check in {seconds} s</source>
        <translation> · {seconds} 秒后确认在岗</translation>
    </message>
    <message>
        <source>Pause autopilot</source>
        <translation>暂停自动播</translation>
    </message>
    <message>
        <source>Start autopilot</source>
        <translation>开始自动播</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{title} — Live Room Console</source>
        <translation>{title} — 直播中控台</translation>
    </message>
    <message>
        <source>F1 hotkeys · Ctrl+K commands · {keys} 中文/English</source>
        <translation>F1 快捷键 · Ctrl+K 命令面板 · {keys} 中文/English</translation>
    </message>
    <message>
        <source>⌨ TYPING — keys go into the text field · Esc gives them back</source>
        <translation>⌨ 输入中 — 按键输入到文本框 · Esc 恢复快捷键</translation>
    </message>
    <message>
        <source>Action log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Show · products, slide, rundown</source>
        <translation>节目 · 商品、讲解卡、场控流程</translation>
    </message>
    <message>
        <source>action log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>barrage log</source>
        <translation>弹幕日志</translation>
    </message>
    <message>
        <source>{room} is streaming</source>
        <translation>{room} 正在直播</translation>
    </message>
    <message>
        <source>{room} is recording</source>
        <translation>{room} 正在录制</translation>
    </message>
    <message>
        <source>{room}&apos;s host is on air</source>
        <translation>{room} 的数字人正在播报</translation>
    </message>
    <message>
        <source>Quit during the show?</source>
        <translation>直播中退出？</translation>
    </message>
    <message>
        <source>Quit the console anyway? OBS keeps streaming and recording, but the host, the pinned comments&apos; timers and the moderation stop.</source>
        <translation>仍要退出中控台吗？OBS 会继续直播和录制，但数字人、置顶弹幕的计时和弹幕审核都会停止。</translation>
    </message>
</context>
<context>
    <name>MentionChart</name>
    <message>
        <source>-{minutes} min</source>
        <translation>-{minutes} 分钟</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>no product mentions yet</source>
        <translation>还没有弹幕提到商品</translation>
    </message>
</context>
<context>
    <name>MonitorView</name>
    <message>
        <source>Program monitor: OBS&apos;s screenshot of the program scene, {fps} a second</source>
        <translation>节目监视器：OBS 对节目场景的截图，每秒 {fps} 张</translation>
    </message>
    <message>
        <source>Preview monitor: OBS&apos;s screenshot of the preview scene, {fps} a second</source>
        <translation>预览监视器：OBS 对预览场景的截图，每秒 {fps} 张</translation>
    </message>
    <message>
        <source>PGM</source>
        <translation>节目</translation>
    </message>
    <message>
        <source>PVW</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>STALE {age}</source>
        <translation>画面过时 {age}</translation>
    </message>
    <message>
        <source>NO SIGNAL</source>
        <translation>无信号</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>last frame {age} ago</source>
        <translation>最后一帧在 {age}前</translation>
    </message>
    <message>
        <source>(of {scene})</source>
        <translation>（{scene} 的画面）</translation>
    </message>
    <message>
        <source>waiting for OBS…</source>
        <translation>等待 OBS…</translation>
    </message>
    <message>
        <source>studio mode off</source>
        <translation>工作室模式已关闭</translation>
    </message>
    <message>
        <source>no program scene</source>
        <translation>没有节目场景</translation>
    </message>
    <message>
        <source>&lt;1 s</source>
        <translation>&lt;1 秒</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Type a command, e.g. scene.program Host</source>
        <translation>输入命令，例如 scene.program Host</translation>
    </message>
    <message>
        <source>↑↓ choose · Tab completes · Enter runs · Esc closes</source>
        <translation>↑↓ 选择 · Tab 补全 · Enter 执行 · Esc 关闭</translation>
    </message>
    <message numerus="yes">
        <source>  ·  %n more: type to narrow</source>
        <translation>
            <numerusform>  ·  还有 %n 项：继续输入以缩小范围</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter takes {line}, then: {needs}</source>
        <translation>Enter 填入 {line}，然后输入：{needs}</translation>
    </message>
    <message>
        <source>Enter runs  {line}</source>
        <translation>Enter 执行  {line}</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <source>Edit {sku}</source>
        <translation>编辑 {sku}</translation>
    </message>
    <message>
        <source>Pick…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Product images</source>
        <translation>商品图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
</context>
<context>
    <name>ProductTable</name>
    <message>
        <source>#</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>到手价</translation>
    </message>
    <message>
        <source>List</source>
        <translation>原价</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>No. {number}</source>
        <translation>{number}号</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>通过</translation>
    </message>
</context>
<context>
    <name>RebindDialog</name>
    <message>
        <source>Rebind a hotkey</source>
        <translation>重新绑定快捷键</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>Save to profile</source>
        <translation>保存到配置</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>↑/↓ pick a binding · Enter, then press its new key · Enter saves</source>
        <translation>↑/↓ 选择绑定 · 按 Enter 后按下新按键 · 再按 Enter 保存</translation>
    </message>
    <message>
        <source>New key:</source>
        <translation>新按键：</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>held</source>
        <translation>待审</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已放行</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已放出</translation>
    </message>
    <message>
        <source>banned</source>
        <translation>已封禁</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>待审</translation>
    </message>
    <message>
        <source>block</source>
        <translation>拦截</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>RoomPanel</name>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Restore the show&apos;s state (room.restore)</source>
        <translation>恢复本场直播的状态（room.restore）</translation>
    </message>
    <message>
        <source>Studio mode</source>
        <translation>工作室模式</translation>
    </message>
    <message>
        <source>Scene transition (transition.set)</source>
        <translation>场景转场（transition.set）</translation>
    </message>
    <message>
        <source>TAKE</source>
        <translation>转场</translation>
    </message>
    <message>
        <source>NOT ANSWERING</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>CONNECTED</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>RECONNECTING</source>
        <translation>重连中</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>CLOSED</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>PGM  {scene}</source>
        <translation>节目  {scene}</translation>
    </message>
    <message>
        <source>PGM  unknown (last seen: {scene})</source>
        <translation>节目  未知（上次：{scene}）</translation>
    </message>
    <message>
        <source>PGM  unknown</source>
        <translation>节目  未知</translation>
    </message>
    <message>
        <source>PVW  {scene}</source>
        <translation>预览  {scene}</translation>
    </message>
    <message>
        <source>PVW  studio mode off</source>
        <translation>预览  工作室模式已关闭</translation>
    </message>
    <message>
        <source>PVW  unknown</source>
        <translation>预览  未知</translation>
    </message>
    <message>
        <source>● REC {time}</source>
        <translation>● 录制中 {time}</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● 录制</translation>
    </message>
    <message>
        <source>◉ LIVE {time}</source>
        <translation>◉ 直播中 {time}</translation>
    </message>
    <message>
        <source>◉ STREAM</source>
        <translation>◉ 直播</translation>
    </message>
    <message>
        <source>SLIDE  {why}</source>
        <translation>讲解卡  {why}</translation>
    </message>
    <message>
        <source>SLIDE  ? {product} · OBS not connected</source>
        <translation>讲解卡  ? {product} · OBS 未连接</translation>
    </message>
    <message>
        <source>SLIDE  {product}</source>
        <translation>讲解卡  {product}</translation>
    </message>
    <message>
        <source>PIN  ✗ {problem}</source>
        <translation>置顶  ✗ {problem}</translation>
    </message>
    <message>
        <source>PIN  —</source>
        <translation>置顶  —</translation>
    </message>
    <message>
        <source>PIN  ON AIR {seconds} s · {comment}</source>
        <translation>置顶  已上屏 {seconds} 秒 · {comment}</translation>
    </message>
    <message>
        <source>PIN  NOT ON AIR: {missing} · {comment}</source>
        <translation>置顶  未上屏：{missing} · {comment}</translation>
    </message>
    <message>
        <source>checking OBS</source>
        <translation>正在向 OBS 确认</translation>
    </message>
    <message>
        <source>PIN  ? {missing} · {comment}</source>
        <translation>置顶  ？{missing} · {comment}</translation>
    </message>
    <message>
        <source>OBS differs — {what}: {difference}</source>
        <translation>OBS 与本场不一致 — {what}：{difference}</translation>
    </message>
    <message>
        <source>link</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>program</source>
        <translation>节目</translation>
    </message>
    <message>
        <source>slide</source>
        <translation>讲解卡</translation>
    </message>
    <message>
        <source>pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>host</source>
        <translation>数字人</translation>
    </message>
</context>
<context>
    <name>RoomStatus</name>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>SetupOffer</name>
    <message>
        <source>Set up OBS…</source>
        <translation>配置 OBS…</translation>
    </message>
    <message>
        <source>Create what the show needs in this room&apos;s OBS (obs.setup)</source>
        <translation>在本直播间的 OBS 中创建本场所需的内容（obs.setup）</translation>
    </message>
    <message>
        <source>OBS lacks {count}: {missing}</source>
        <translation>OBS 缺少 {count} 项：{missing}</translation>
    </message>
</context>
<context>
    <name>ShowPanel</name>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>◀ Prev</source>
        <translation>◀ 上一个</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>上屏</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>下屏</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一个 ▶</translation>
    </message>
    <message>
        <source>Rundown (Enter: go to item, drag to reorder)</source>
        <translation>场控流程（Enter：跳到该项，拖动调整顺序）</translation>
    </message>
    <message>
        <source>no slide on air</source>
        <translation>没有讲解卡在播</translation>
    </message>
    <message>
        <source>on air: {product}</source>
        <translation>在播：{product}</translation>
    </message>
</context>
<context>
    <name>SourceLine</name>
    <message>
        <source>{source}: {state} · {received} received · {dropped} dropped</source>
        <translation>{source}：{state} · 收到 {received} 条 · 丢弃 {dropped} 条</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <source>Top questions</source>
        <translation>高频问题</translation>
    </message>
    <message>
        <source>{rate} msg/min · {total} received</source>
        <translation>{rate} 条/分钟 · 共收到 {total} 条</translation>
    </message>
    <message>
        <source>held: {held}   ·   blocked: {blocked}</source>
        <translation>待审：{held}   ·   拦截：{blocked}</translation>
    </message>
    <message>
        <source> (1 false alarm)</source>
        <translation>（误拦 1 条）</translation>
    </message>
    <message numerus="yes">
        <source> (%n false alarms)</source>
        <translation>
            <numerusform>（误拦 %n 条）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserPanel</name>
    <message>
        <source>No message selected</source>
        <translation>未选择弹幕</translation>
    </message>
    <message>
        <source>  · BANNED</source>
        <translation>  · 已封禁</translation>
    </message>
    <message numerus="yes">
        <source>{who}{banned} · %n recent</source>
        <translation>
            <numerusform>{who}{banned} · 最近 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>control API off: {why}</source>
        <translation>控制接口未开启：{why}</translation>
    </message>
    <message>
        <source>control API {url}</source>
        <translation>控制接口 {url}</translation>
    </message>
</context>
<context>
    <name>barrage</name>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>pass ({rule})</source>
        <translation>通过（{rule}）</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>待审</translation>
    </message>
    <message>
        <source>block</source>
        <translation>拦截</translation>
    </message>
    <message>
        <source>{action}: {rule} ({detail})</source>
        <translation>{action}：{rule}（{detail}）</translation>
    </message>
    <message>
        <source>{action}: {rule}</source>
        <translation>{action}：{rule}</translation>
    </message>
    <message>
        <source>approved {message}</source>
        <translation>已放行 {message}</translation>
    </message>
    <message>
        <source>rejected {message}</source>
        <translation>已驳回 {message}</translation>
    </message>
    <message>
        <source>released {message} (a false alarm of {rule}: {count} this show)</source>
        <translation>已放出 {message}（{rule} 误拦：本场 {count} 条）</translation>
    </message>
    <message>
        <source>banned {user}</source>
        <translation>已封禁 {user}</translation>
    </message>
    <message>
        <source>{said}; 1 held message rejected</source>
        <translation>{said}；驳回 1 条待审弹幕</translation>
    </message>
    <message>
        <source>{said}; {count} held messages rejected</source>
        <translation>{said}；驳回 {count} 条待审弹幕</translation>
    </message>
    <message>
        <source>{said}; {problem}</source>
        <translation>{said}；{problem}</translation>
    </message>
    <message>
        <source>unbanned {name} ({user})</source>
        <translation>已解封 {name}（{user}）</translation>
    </message>
    <message>
        <source>on air in {room} ({scene}) for {seconds} s: {comment}</source>
        <translation>已在 {room}（{scene}）置顶 {seconds} 秒：{comment}</translation>
    </message>
    <message>
        <source>no comment was on air in {room}</source>
        <translation>{room} 没有置顶中的弹幕</translation>
    </message>
    <message>
        <source>pinned comment cleared in {room}</source>
        <translation>已撤下 {room} 的置顶弹幕</translation>
    </message>
    <message>
        <source>suggested answer to {message} — {answer}</source>
        <translation>建议回答 {message} — {answer}</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>released</source>
        <translation>放出</translation>
    </message>
    <message>
        <source>{command}: no message selected (select one in the review queue or the feed, or give its id)</source>
        <translation>{command}：未选择弹幕（在审核队列或弹幕流中选择一条，或给出其 id）</translation>
    </message>
    <message>
        <source>{command}: message {id} is no longer in the console&apos;s memory</source>
        <translation>{command}：弹幕 {id} 已不在中控台的记录中</translation>
    </message>
    <message>
        <source>{command}: {user} is banned</source>
        <translation>{command}：{user} 已被封禁</translation>
    </message>
    <message>
        <source>{command}: message {id} was blocked ({verdict}): release it first if that was a false alarm (barrage.release)</source>
        <translation>{command}：弹幕 {id} 已被拦截（{verdict}）：如属误拦，请先放出（barrage.release）</translation>
    </message>
    <message>
        <source>{command}: message {id} is held for review ({rule}): approve it first (barrage.approve)</source>
        <translation>{command}：弹幕 {id} 正在待审（{rule}）：请先放行（barrage.approve）</translation>
    </message>
    <message>
        <source>message {id} was not held (it passed moderation)</source>
        <translation>弹幕 {id} 未进入待审（已通过审核）</translation>
    </message>
    <message>
        <source>message {id} was blocked: it never reaches the review queue (a false alarm is released: barrage.release)</source>
        <translation>弹幕 {id} 已被拦截：不会进入审核队列（误拦请放出：barrage.release）</translation>
    </message>
    <message>
        <source>message {id} was already {status}</source>
        <translation>弹幕 {id} 已被{status}</translation>
    </message>
    <message>
        <source>message {id} is not waiting for review</source>
        <translation>弹幕 {id} 不在待审中</translation>
    </message>
    <message>
        <source>{command}: {why}</source>
        <translation>{command}：{why}</translation>
    </message>
</context>
<context>
    <name>catalog</name>
    <message>
        <source>scene name as OBS shows it</source>
        <translation>OBS 中显示的场景名称</translation>
    </message>
    <message>
        <source>Cut the room&apos;s program output to a scene</source>
        <translation>把直播间的节目画面直接切到某个场景</translation>
    </message>
    <message>
        <source>Put a scene in preview (studio mode)</source>
        <translation>把场景放到预览（工作室模式）</translation>
    </message>
    <message>
        <source>Transition preview to program with the chosen transition (studio mode)</source>
        <translation>用所选转场把预览切到节目（工作室模式）</translation>
    </message>
    <message>
        <source>Turn studio mode on or off</source>
        <translation>开启或关闭工作室模式</translation>
    </message>
    <message>
        <source>Choose the scene transition and, optionally, its duration</source>
        <translation>选择场景转场，可同时设置时长</translation>
    </message>
    <message>
        <source>transition name as OBS shows it</source>
        <translation>OBS 中显示的转场名称</translation>
    </message>
    <message>
        <source>duration in ms</source>
        <translation>时长（毫秒）</translation>
    </message>
    <message>
        <source>Start or stop streaming</source>
        <translation>开始或停止直播</translation>
    </message>
    <message>
        <source>Start or stop recording</source>
        <translation>开始或停止录制</translation>
    </message>
    <message>
        <source>Ask the room&apos;s OBS for its version and time the answer</source>
        <translation>询问直播间 OBS 的版本并计时应答</translation>
    </message>
    <message>
        <source>Reconnect to the room&apos;s OBS now, skipping the wait</source>
        <translation>立即重连直播间的 OBS，不再等待</translation>
    </message>
    <message>
        <source>Report what the show needs that the room&apos;s OBS lacks or has otherwise (changes nothing)</source>
        <translation>报告直播间的 OBS 缺少或不同于本场所需的内容（不做任何更改）</translation>
    </message>
    <message>
        <source>Create in the room&apos;s OBS what the show needs and it lacks: scenes, sources, overlays, laid out by the profile (never changes or removes anything else)</source>
        <translation>在直播间的 OBS 中创建本场所需而缺少的内容：场景、来源、叠加层，按配置布局（绝不更改或删除其他内容）</translation>
    </message>
    <message>
        <source>Put back what the show had on air (program, slide, pin) after OBS came back otherwise</source>
        <translation>OBS 恢复后状态不一致时，恢复本场原来在播的内容（节目、讲解卡、置顶）</translation>
    </message>
    <message>
        <source>Work in a room: the window&apos;s commands without room= act on it</source>
        <translation>切换当前直播间：不带 room= 的命令作用于它</translation>
    </message>
    <message>
        <source>room id from the profile</source>
        <translation>配置中的直播间 id</translation>
    </message>
    <message>
        <source>Show the window in another language (Ctrl+Alt+L: the other one)</source>
        <translation>切换界面语言（Ctrl+Alt+L：切到另一种）</translation>
    </message>
    <message>
        <source>zh-CN or en (default: the other one)</source>
        <translation>zh-CN 或 en（默认：切到另一种）</translation>
    </message>
    <message>
        <source>product sku from the profile</source>
        <translation>配置中的商品 SKU</translation>
    </message>
    <message>
        <source>item number or title</source>
        <translation>场控流程项的序号或标题</translation>
    </message>
    <message>
        <source>Render a product&apos;s slide and put it on air in the room&apos;s product scene</source>
        <translation>生成商品讲解卡并在直播间的商品场景上屏</translation>
    </message>
    <message>
        <source>push despite prohibited terms (logged)</source>
        <translation>即使含违禁词也上屏（记录在案）</translation>
    </message>
    <message>
        <source>also cut to the product scene</source>
        <translation>同时切到商品场景</translation>
    </message>
    <message>
        <source>Take the product slide off air</source>
        <translation>讲解卡下屏</translation>
    </message>
    <message>
        <source>Change one field of a product (saved to the profile, slide on air refreshed)</source>
        <translation>修改商品的一个字段（保存到配置，在播讲解卡随之刷新）</translation>
    </message>
    <message>
        <source>one of: {fields}</source>
        <translation>可选：{fields}</translation>
    </message>
    <message>
        <source>new value; lists take a|b|c; deal takes START END PRICE</source>
        <translation>新值；列表写作 a|b|c；秒杀写作 开始 结束 价格</translation>
    </message>
    <message>
        <source>Add a product to the catalogue (saved to the profile)</source>
        <translation>向商品库添加商品（保存到配置）</translation>
    </message>
    <message>
        <source>the new product&apos;s sku</source>
        <translation>新商品的 SKU</translation>
    </message>
    <message>
        <source>product name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>price, e.g. 69</source>
        <translation>到手价，例如 69</translation>
    </message>
    <message>
        <source>Move a product to a position in the catalogue (1 = first; saved to the profile)</source>
        <translation>调整商品在商品库中的位置（1 = 第一个；保存到配置）</translation>
    </message>
    <message>
        <source>new position, 1 = first</source>
        <translation>新位置，1 = 第一个</translation>
    </message>
    <message>
        <source>Show the slide of the rundown&apos;s next product</source>
        <translation>上屏场控流程中下一个商品的讲解卡</translation>
    </message>
    <message>
        <source>Show the slide of the rundown&apos;s previous product</source>
        <translation>上屏场控流程中上一个商品的讲解卡</translation>
    </message>
    <message>
        <source>Go to the next rundown item (a product item shows its slide)</source>
        <translation>进入场控流程的下一项（商品项会上屏其讲解卡）</translation>
    </message>
    <message>
        <source>Go back to the previous rundown item</source>
        <translation>回到场控流程的上一项</translation>
    </message>
    <message>
        <source>Go to a rundown item by its number (1 = first) or title</source>
        <translation>按序号（1 = 第一项）或标题跳到场控流程中的某一项</translation>
    </message>
    <message>
        <source>Move a rundown item to another position (1 = first; saved to the profile)</source>
        <translation>调整场控流程中某一项的位置（1 = 第一项；保存到配置）</translation>
    </message>
    <message>
        <source>new position</source>
        <translation>新位置</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Gifts and orders</source>
        <translation>礼物和下单</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>提及</translation>
    </message>
    <message>
        <source>message id (default: the selected message)</source>
        <translation>弹幕 id（默认：所选弹幕）</translation>
    </message>
    <message>
        <source>Let a held comment through (it may then be pinned)</source>
        <translation>放行一条待审弹幕（之后可置顶）</translation>
    </message>
    <message>
        <source>Reject a held comment; selects the next held one</source>
        <translation>驳回一条待审弹幕，并选中下一条</translation>
    </message>
    <message>
        <source>Let a blocked comment through as a false alarm (counted per rule; it may then be pinned)</source>
        <translation>把误拦的弹幕放出（按规则计入误拦数；之后可置顶）</translation>
    </message>
    <message>
        <source>Ban a comment&apos;s author in every room: later messages blocked, held ones rejected, pin cleared</source>
        <translation>在所有直播间封禁弹幕作者：之后的弹幕拦截，待审的驳回，置顶撤下</translation>
    </message>
    <message>
        <source>Lift a ban made during the show (default: on the selected message&apos;s author)</source>
        <translation>解除本场的一项封禁（默认：所选弹幕的作者）</translation>
    </message>
    <message>
        <source>the user as the ban list shows it, or their id or name (default: the selected message&apos;s author)</source>
        <translation>封禁列表中显示的用户，或其 id 或昵称（默认：所选弹幕的作者）</translation>
    </message>
    <message>
        <source>Show an approved or passed comment on air through the room&apos;s comment source</source>
        <translation>通过直播间的弹幕来源把已放行或已通过的弹幕置顶上屏</translation>
    </message>
    <message>
        <source>seconds on screen (default: the profile&apos;s)</source>
        <translation>上屏秒数（默认：按配置）</translation>
    </message>
    <message>
        <source>Take the pinned comment off air</source>
        <translation>撤下置顶弹幕</translation>
    </message>
    <message>
        <source>Propose the product FAQ answer to a viewer&apos;s question, for the host to say once confirmed (host.answer)</source>
        <translation>根据商品 FAQ 为观众提问生成回答，确认后由数字人播报（host.answer）</translation>
    </message>
    <message>
        <source>product (default: the one the question names)</source>
        <translation>商品（默认：提问中提到的商品）</translation>
    </message>
    <message>
        <source>Hold the feed still; comments keep coming and are counted</source>
        <translation>暂停弹幕滚动；弹幕照常接收并计数</translation>
    </message>
    <message>
        <source>Let the feed scroll again</source>
        <translation>恢复弹幕滚动</translation>
    </message>
    <message>
        <source>Show all comments, questions, gifts and orders, or one product&apos;s mentions</source>
        <translation>显示全部弹幕、提问、礼物和下单，或某个商品的提及</translation>
    </message>
    <message>
        <source>product sku (with mode product)</source>
        <translation>商品 SKU（mode 为 product 时）</translation>
    </message>
    <message>
        <source>Select the next or previous comment of the list shown (held or blocked), or a message by id</source>
        <translation>选择当前列表（待审或已拦截）的下一条或上一条弹幕，或按 id 选择</translation>
    </message>
    <message>
        <source>next, previous or a message id</source>
        <translation>next、previous 或弹幕 id</translation>
    </message>
    <message>
        <source>air it despite prohibited terms (logged)</source>
        <translation>即使含违禁词也播出（记录在案）</translation>
    </message>
    <message>
        <source>a segment id from the profile, or the text to say</source>
        <translation>配置中的口播段 id，或要播报的文本</translation>
    </message>
    <message>
        <source>Queue a host segment (scripted copy: after what is queued)</source>
        <translation>把一段口播加入数字人队列（脚本口播：排在已排队内容之后）</translation>
    </message>
    <message>
        <source>segment id from the profile</source>
        <translation>配置中的口播段 id</translation>
    </message>
    <message>
        <source>The host says free text (preempts scripted copy, waits for an answer on air)</source>
        <translation>数字人播报自由文本（打断脚本口播，等待正在播报的回答）</translation>
    </message>
    <message>
        <source>what to say</source>
        <translation>要播报的内容</translation>
    </message>
    <message>
        <source>Play a segment or text right after the current line, without cutting it (插播)</source>
        <translation>在当前这句之后插播一段口播或文本，不打断当前（插播）</translation>
    </message>
    <message>
        <source>Cut in now with a segment or text; the line cut off is said again after (急插)</source>
        <translation>立即插入一段口播或文本；被打断的那句之后重播（急插）</translation>
    </message>
    <message>
        <source>Panic: silence the host now, clear its queue, pause the autopilot</source>
        <translation>急停：数字人立即静音，清空队列，暂停自动播</translation>
    </message>
    <message>
        <source>End the line on air; the next one follows</source>
        <translation>结束正在播报的这句，接着播下一句</translation>
    </message>
    <message>
        <source>The host answers a viewer (preempts copy): the answer proposed, or as edited in text</source>
        <translation>数字人回答观众（打断口播）：使用生成的回答，或 text= 中编辑后的内容</translation>
    </message>
    <message>
        <source>the answer as it will be said</source>
        <translation>将要播报的回答</translation>
    </message>
    <message>
        <source>the viewer&apos;s question</source>
        <translation>观众的提问</translation>
    </message>
    <message>
        <source>the product it is about</source>
        <translation>涉及的商品</translation>
    </message>
    <message>
        <source>Draft an answer with the show&apos;s language model, grounded in the product (shown for confirmation, never aired without it)</source>
        <translation>用本场的语言模型根据商品信息起草回答（需确认，未经确认绝不播出）</translation>
    </message>
    <message>
        <source>the product (default: the one the question names)</source>
        <translation>商品（默认：提问中提到的商品）</translation>
    </message>
    <message>
        <source>Start, pause, resume or stop the room&apos;s unattended loop</source>
        <translation>开始、暂停、继续或停止直播间的自动播循环</translation>
    </message>
    <message>
        <source>The operator is here: resets the autopilot&apos;s presence check</source>
        <translation>中控在岗：重置自动播的在岗确认</translation>
    </message>
    <message>
        <source>Move a waiting line in the host&apos;s queue (1 = next)</source>
        <translation>调整数字人队列中等待的一句（1 = 下一句）</translation>
    </message>
    <message>
        <source>line number as the queue shows it</source>
        <translation>队列中显示的句子序号</translation>
    </message>
    <message>
        <source>1 = next</source>
        <translation>1 = 下一句</translation>
    </message>
    <message>
        <source>Take a waiting line out of the host&apos;s queue</source>
        <translation>从数字人队列中移除等待的一句</translation>
    </message>
    <message>
        <source>Show or hide the AI-host label (it cannot be hidden while the host is on air)</source>
        <translation>显示或隐藏 AI 主播标识（数字人播报时不能隐藏）</translation>
    </message>
    <message>
        <source>true to show and check it, false to hide it</source>
        <translation>true 显示并检查，false 隐藏</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>{command}: {name} must be true or false, not {raw!r}</source>
        <translation>{command}：{name} 必须是 true 或 false，而不是 {raw!r}</translation>
    </message>
    <message>
        <source>{command}: {name} must be {type}, not {raw!r}</source>
        <translation>{command}：{name} 必须是{type}，而不是 {raw!r}</translation>
    </message>
    <message>
        <source>cannot read command line {line!r}: {error}</source>
        <translation>无法解析命令行 {line!r}：{error}</translation>
    </message>
    <message>
        <source>{command}: too many arguments (usage: {usage})</source>
        <translation>{command}：参数过多（用法：{usage}）</translation>
    </message>
    <message>
        <source>{command}: {name} given twice</source>
        <translation>{command}：{name} 重复给出</translation>
    </message>
    <message>
        <source> (did you mean {close!r}?)</source>
        <translation>（是不是想输入 {close!r}？）</translation>
    </message>
    <message>
        <source>unknown command {name!r}{hint}</source>
        <translation>未知命令 {name!r}{hint}</translation>
    </message>
    <message>
        <source>empty command line</source>
        <translation>命令行为空</translation>
    </message>
    <message>
        <source>{command}: unknown argument {name!r} (usage: {usage})</source>
        <translation>{command}：未知参数 {name!r}（用法：{usage}）</translation>
    </message>
    <message>
        <source>{command}: missing {name} (usage: {usage})</source>
        <translation>{command}：缺少 {name}（用法：{usage}）</translation>
    </message>
    <message>
        <source>{name} is not available in this console</source>
        <translation>此中控台不支持 {name}</translation>
    </message>
    <message>
        <source>no room {room!r} in this show (rooms: {known}; or all)</source>
        <translation>本场没有直播间 {room!r}（直播间：{known}；或 all）</translation>
    </message>
    <message>
        <source>this show has no rooms</source>
        <translation>本场没有直播间</translation>
    </message>
    <message>
        <source>which room? say room= one of {rooms} or all</source>
        <translation>哪个直播间？请用 room= 指定 {rooms} 之一或 all</translation>
    </message>
</context>
<context>
    <name>compliance</name>
    <message>
        <source>{line} not aired: {findings}. Reword it, or air it with override=true (logged)</source>
        <translation>{line} 未播出：{findings}。请修改措辞，或用 override=true 强制播出（记录在案）</translation>
    </message>
    <message>
        <source>{field}:{line}:{col}: {matched!r} is a prohibited term ({term})</source>
        <translation>{field}:{line}:{col}：{matched!r} 是违禁词（{term}）</translation>
    </message>
    <message>
        <source> (and {count} more)</source>
        <translation>（另有 {count} 处）</translation>
    </message>
    <message>
        <source>slide {sku} not shown: {findings}{more}. Fix the text, or show it with override</source>
        <translation>讲解卡 {sku} 未上屏：{findings}{more}。请修改文字，或用 override 强制上屏</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>unknown command</source>
        <translation>未知命令</translation>
    </message>
    <message>
        <source>wrong arguments</source>
        <translation>参数有误</translation>
    </message>
    <message>
        <source>unknown room</source>
        <translation>未知直播间</translation>
    </message>
    <message>
        <source>OBS not connected</source>
        <translation>OBS 未连接</translation>
    </message>
    <message>
        <source>OBS refused</source>
        <translation>OBS 拒绝</translation>
    </message>
    <message>
        <source>prohibited terms</source>
        <translation>含违禁词</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>not now</source>
        <translation>当前不可执行</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>internal error</source>
        <translation>内部错误</translation>
    </message>
</context>
<context>
    <name>feed</name>
    <message>
        <source>product {sku}</source>
        <translation>商品 {sku}</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>questions</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>gifts</source>
        <translation>礼物</translation>
    </message>
    <message>
        <source>feed paused (comments keep coming)</source>
        <translation>弹幕已暂停滚动（弹幕照常接收）</translation>
    </message>
    <message>
        <source>feed scrolling</source>
        <translation>弹幕恢复滚动</translation>
    </message>
    <message>
        <source>feed shows {what}</source>
        <translation>弹幕显示：{what}</translation>
    </message>
    <message>
        <source>barrage.select: no held comments</source>
        <translation>barrage.select：没有待审弹幕</translation>
    </message>
    <message>
        <source>barrage.select: no blocked comments</source>
        <translation>barrage.select：没有被拦截的弹幕</translation>
    </message>
    <message>
        <source>selected {message}</source>
        <translation>已选择 {message}</translation>
    </message>
</context>
<context>
    <name>globalkeys</name>
    <message>
        <source>a Wayland session lets no program see keys pressed in other windows (log in to an X11 session, or bind keys in the desktop&apos;s settings to the control API)</source>
        <translation>Wayland 会话不允许任何程序读取在其他窗口中按下的键（请登录 X11 会话，或在桌面设置中把按键绑定到控制接口）</translation>
    </message>
    <message>
        <source>no X display (DISPLAY is not set)</source>
        <translation>没有 X 显示（未设置 DISPLAY）</translation>
    </message>
    <message>
        <source>the keyboard listener did not start in {seconds} s</source>
        <translation>键盘监听未在 {seconds} 秒内启动</translation>
    </message>
    <message>
        <source>the keyboard listener did not start: {error}</source>
        <translation>键盘监听未能启动：{error}</translation>
    </message>
    <message>
        <source>global hotkeys on: {keys}</source>
        <translation>全局快捷键已开启：{keys}</translation>
    </message>
    <message>
        <source>the keyboard listener stopped (the display closed?)</source>
        <translation>键盘监听已停止（显示器连接已关闭？）</translation>
    </message>
    <message>
        <source>global hotkeys unavailable: {reason}; in-window keys work</source>
        <translation>全局快捷键不可用：{reason}；窗口内快捷键照常可用</translation>
    </message>
    <message>
        <source>pynput cannot watch this keyboard: {error}</source>
        <translation>pynput 无法监听此键盘：{error}</translation>
    </message>
    <message>
        <source>macOS has not let this program watch the keyboard: allow it in System Settings › Privacy &amp; Security › Accessibility, then start the console again</source>
        <translation>macOS 未允许本程序监听键盘：请在 系统设置 › 隐私与安全性 › 辅助功能 中允许，然后重新启动中控台</translation>
    </message>
    <message>
        <source>python-xlib is missing ({error})</source>
        <translation>缺少 python-xlib（{error}）</translation>
    </message>
    <message>
        <source>cannot open the X display {name}: {error}</source>
        <translation>无法打开 X 显示 {name}：{error}</translation>
    </message>
    <message>
        <source>the X server {name} has no RECORD extension</source>
        <translation>X 服务器 {name} 没有 RECORD 扩展</translation>
    </message>
</context>
<context>
    <name>health</name>
    <message>
        <source>LIVE {time}</source>
        <translation>直播中 {time}</translation>
    </message>
    <message>
        <source>stream off</source>
        <translation>未直播</translation>
    </message>
    <message>
        <source>REC {time}</source>
        <translation>录制中 {time}</translation>
    </message>
    <message>
        <source>rec off</source>
        <translation>未录制</translation>
    </message>
    <message>
        <source>render dropped {share}%</source>
        <translation>渲染丢帧 {share}%</translation>
    </message>
    <message>
        <source>output dropped {share}%</source>
        <translation>输出丢帧 {share}%</translation>
    </message>
    <message>
        <source>OBS CPU {share}%</source>
        <translation>OBS CPU {share}%</translation>
    </message>
</context>
<context>
    <name>host</name>
    <message>
        <source>nothing to say: the text is empty</source>
        <translation>没有可播报的内容：文本为空</translation>
    </message>
    <message>
        <source>queued {line} ({waiting} waiting)</source>
        <translation>已排队 {line}（等待 {waiting} 句）</translation>
    </message>
    <message>
        <source>next: {line}</source>
        <translation>下一句：{line}</translation>
    </message>
    <message>
        <source>on air now: {line}</source>
        <translation>立即播报：{line}</translation>
    </message>
    <message>
        <source>{said}; {cut} cut, said again after</source>
        <translation>{said}；{cut} 被打断，之后重播</translation>
    </message>
    <message>
        <source>{said} (compliance override)</source>
        <translation>{said}（强制忽略违禁词）</translation>
    </message>
    <message>
        <source>host silenced; 1 line dropped</source>
        <translation>数字人已静音；丢弃 1 句</translation>
    </message>
    <message>
        <source>host silenced; {count} lines dropped</source>
        <translation>数字人已静音；丢弃 {count} 句</translation>
    </message>
    <message>
        <source>nothing on air to skip</source>
        <translation>没有正在播报的内容可跳过</translation>
    </message>
    <message>
        <source>skipped {line}</source>
        <translation>已跳过 {line}</translation>
    </message>
    <message>
        <source>answer proposed to {user}: {text} — confirm with host.answer{warn}</source>
        <translation>已为 {user} 生成回答：{text} — 用 host.answer 确认{warn}</translation>
    </message>
    <message>
        <source>autopilot running on {product}</source>
        <translation>自动播运行中：{product}</translation>
    </message>
    <message>
        <source>paused by the operator</source>
        <translation>中控已暂停</translation>
    </message>
    <message>
        <source>stopped by the operator</source>
        <translation>中控已停止</translation>
    </message>
    <message>
        <source>autopilot running</source>
        <translation>自动播运行中</translation>
    </message>
    <message>
        <source>autopilot paused</source>
        <translation>自动播已暂停</translation>
    </message>
    <message>
        <source>autopilot stopped</source>
        <translation>自动播已停止</translation>
    </message>
    <message>
        <source>operator present</source>
        <translation>中控在岗</translation>
    </message>
    <message>
        <source>operator present; next check in {seconds} s</source>
        <translation>中控在岗；{seconds} 秒后再次确认</translation>
    </message>
    <message>
        <source>{line} moved to {position}</source>
        <translation>{line} 已移到第 {position} 位</translation>
    </message>
    <message>
        <source>{line} taken out of the queue</source>
        <translation>{line} 已移出队列</translation>
    </message>
    <message>
        <source>AI label hidden</source>
        <translation>AI 标识已隐藏</translation>
    </message>
    <message>
        <source>the console restarted: resume when ready</source>
        <translation>中控台已重启：准备好后继续</translation>
    </message>
</context>
<context>
    <name>keys</name>
    <message>
        <source>the cheat sheet</source>
        <translation>速查表</translation>
    </message>
    <message>
        <source>empty hotkey</source>
        <translation>快捷键为空</translation>
    </message>
    <message>
        <source>hotkey {text!r} has no key after the last &apos;+&apos;</source>
        <translation>快捷键 {text!r} 最后一个 &apos;+&apos; 之后没有按键</translation>
    </message>
    <message>
        <source>hotkey {text!r} has only modifiers; add a key, as in Ctrl+1</source>
        <translation>快捷键 {text!r} 只有修饰键；请加一个按键，如 Ctrl+1</translation>
    </message>
    <message>
        <source>hotkey {text!r}: unknown modifier {word!r} (use Ctrl, Alt, Shift or Meta)</source>
        <translation>快捷键 {text!r}：未知修饰键 {word!r}（请用 Ctrl、Alt、Shift 或 Meta）</translation>
    </message>
    <message>
        <source>hotkey {text!r}: {modifier} given twice</source>
        <translation>快捷键 {text!r}：{modifier} 重复出现</translation>
    </message>
    <message>
        <source>{key} is reserved for {what}</source>
        <translation>{key} 已保留给{what}</translation>
    </message>
    <message>
        <source> (did you mean {close!r}?)</source>
        <translation>（是不是想输入 {close!r}？）</translation>
    </message>
    <message>
        <source>hotkey {text!r}: unknown key {word!r}{hint}</source>
        <translation>快捷键 {text!r}：未知按键 {word!r}{hint}</translation>
    </message>
    <message>
        <source>{key} cannot be global: the global listener watches F1-F20 only</source>
        <translation>{key} 不能设为全局快捷键：全局监听只支持 F1-F20</translation>
    </message>
    <message>
        <source>{key} cannot be global: other applications get the key too, and {name} is typing or editing there; use a function key or add Ctrl, Alt or Meta</source>
        <translation>{key} 不能设为全局快捷键：其他应用也会收到这个键，而 {name} 在那里用于输入或编辑；请用功能键，或加上 Ctrl、Alt 或 Meta</translation>
    </message>
    <message>
        <source>{key} cannot be global: with Shift, {name} is another character on each keyboard layout; use a letter, a function key or a named key</source>
        <translation>{key} 不能设为全局快捷键：按住 Shift 时，{name} 在不同键盘布局下是不同的字符；请用字母键、功能键或有名称的键</translation>
    </message>
</context>
<context>
    <name>label</name>
    <message>
        <source>AI label ON in {scene} ({height} px ≥ {needed} px)</source>
        <translation>AI 标识已显示于 {scene}（{height} px ≥ {needed} px）</translation>
    </message>
    <message>
        <source>AI label OFF: {problem}</source>
        <translation>AI 标识未显示：{problem}</translation>
    </message>
    <message>
        <source>AI label OFF</source>
        <translation>AI 标识未显示</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>room {room}: {check}</source>
        <translation>直播间 {room}：{check}</translation>
    </message>
    <message>
        <source>hidden by the operator</source>
        <translation>已被中控隐藏</translation>
    </message>
    <message>
        <source>OBS has no program scene</source>
        <translation>OBS 没有节目场景</translation>
    </message>
    <message>
        <source>hidden in the program scene {scene!r}</source>
        <translation>在节目场景 {scene!r} 中被隐藏</translation>
    </message>
    <message>
        <source>not shown in the program scene {scene!r}</source>
        <translation>未在节目场景 {scene!r} 中显示</translation>
    </message>
    <message>
        <source>its text reads {text!r}, not {wanted!r}</source>
        <translation>文字为 {text!r}，应为 {wanted!r}</translation>
    </message>
    <message>
        <source>{height} px tall, the rules ask for {needed} px (5 % of {canvas})</source>
        <translation>高 {height} px，规定至少 {needed} px（{canvas} 的 5%）</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>no translation for {tag}: the window is in English</source>
        <translation>没有 {tag} 的翻译：界面使用英文</translation>
    </message>
    <message>
        <source>cannot compile {file}: {error}</source>
        <translation>无法编译 {file}：{error}</translation>
    </message>
    <message>
        <source>cannot load {file}</source>
        <translation>无法加载 {file}</translation>
    </message>
</context>
<context>
    <name>link</name>
    <message>
        <source>room {room} is not connected ({link})</source>
        <translation>直播间 {room} 未连接（{link}）</translation>
    </message>
    <message>
        <source>OBS did not answer {request} within {seconds} s</source>
        <translation>OBS 未在 {seconds} 秒内应答 {request}</translation>
    </message>
    <message>
        <source>the link to OBS was lost during {request}</source>
        <translation>执行 {request} 时与 OBS 的连接断开</translation>
    </message>
    <message>
        <source>{reason} {note}</source>
        <translation>{reason} {note}</translation>
    </message>
    <message>
        <source>{reason}; not reconnecting</source>
        <translation>{reason}；不再重连</translation>
    </message>
    <message>
        <source>OBS closed</source>
        <translation>OBS 已关闭</translation>
    </message>
    <message>
        <source>another client invalidated this session</source>
        <translation>另一个客户端使本会话失效</translation>
    </message>
    <message>
        <source>OBS closed the link ({code}: {reason})</source>
        <translation>OBS 关闭了连接（{code}：{reason}）</translation>
    </message>
    <message>
        <source>no reason</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>link lost</source>
        <translation>连接断开</translation>
    </message>
    <message>
        <source>OBS asks for a password and none is configured</source>
        <translation>OBS 需要密码，但未配置密码</translation>
    </message>
    <message>
        <source>OBS at {host}:{port} did not complete the handshake within {seconds} s</source>
        <translation>{host}:{port} 上的 OBS 未在 {seconds} 秒内完成握手</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>cannot reach OBS at {host}:{port}: {error}</source>
        <translation>无法连接 {host}:{port} 上的 OBS：{error}</translation>
    </message>
    <message>
        <source>OBS refused the password (check Tools → WebSocket Server Settings)</source>
        <translation>OBS 拒绝了密码（请检查 工具 → WebSocket 服务器设置）</translation>
    </message>
    <message>
        <source>connected · OBS {version}</source>
        <translation>已连接 · OBS {version}</translation>
    </message>
    <message>
        <source> · retry in {seconds} s</source>
        <translation> · {seconds} 秒后重试</translation>
    </message>
    <message>
        <source>OBS not answering for {seconds} s</source>
        <translation>OBS 已 {seconds} 秒无响应</translation>
    </message>
    <message>
        <source>{silent} · trying again</source>
        <translation>{silent} · 正在重试</translation>
    </message>
    <message>
        <source>{silent} ({reason}){retry}</source>
        <translation>{silent}（{reason}）{retry}</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>{phase}: {reason}{retry}</source>
        <translation>{phase}：{reason}{retry}</translation>
    </message>
    <message>
        <source>{phase}{retry}</source>
        <translation>{phase}{retry}</translation>
    </message>
</context>
<context>
    <name>obs</name>
    <message>
        <source>status {code}</source>
        <translation>状态码 {code}</translation>
    </message>
    <message>
        <source>OBS refused {request}: {reason} (code {code})</source>
        <translation>OBS 拒绝了 {request}：{reason}（代码 {code}）</translation>
    </message>
    <message>
        <source> (is the recording folder writable and the disk not full? see OBS&apos;s log)</source>
        <translation>（录像文件夹可写吗？磁盘满了吗？请查看 OBS 日志）</translation>
    </message>
    <message>
        <source>: no stream server is set in OBS (Settings → Stream)</source>
        <translation>：OBS 中未设置推流服务器（设置 → 直播）</translation>
    </message>
    <message>
        <source>: no stream key is set in OBS (Settings → Stream)</source>
        <translation>：OBS 中未设置推流码（设置 → 直播）</translation>
    </message>
    <message>
        <source>: the server {server} refused it</source>
        <translation>：服务器 {server} 拒绝了推流</translation>
    </message>
    <message>
        <source>streaming</source>
        <translation>直播中</translation>
    </message>
    <message>
        <source>stream stopped</source>
        <translation>直播已停止</translation>
    </message>
    <message>
        <source>OBS did not say whether the stream {started} within {seconds} s: check OBS</source>
        <translation>OBS 未在 {seconds} 秒内告知直播是否已{started}：请检查 OBS</translation>
    </message>
    <message>
        <source>the stream did not start: OBS stopped it at once{why}</source>
        <translation>直播未开始：OBS 立即停止了直播{why}</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>录制中</translation>
    </message>
    <message>
        <source>recording stopped</source>
        <translation>录制已停止</translation>
    </message>
    <message>
        <source>OBS did not say whether the recording {started} within {seconds} s: check OBS</source>
        <translation>OBS 未在 {seconds} 秒内告知录制是否已{started}：请检查 OBS</translation>
    </message>
    <message>
        <source>the recording did not start: OBS stopped it at once{why}</source>
        <translation>录制未开始：OBS 立即停止了录制{why}</translation>
    </message>
    <message>
        <source>program: {scene}</source>
        <translation>节目：{scene}</translation>
    </message>
    <message>
        <source>preview: {scene}</source>
        <translation>预览：{scene}</translation>
    </message>
    <message>
        <source>take: {scene} with {transition} {ms} ms</source>
        <translation>转场：{scene}，{transition} {ms} 毫秒</translation>
    </message>
    <message>
        <source>studio mode on</source>
        <translation>工作室模式已开启</translation>
    </message>
    <message>
        <source>studio mode off</source>
        <translation>工作室模式已关闭</translation>
    </message>
    <message>
        <source>transition: {transition}</source>
        <translation>转场：{transition}</translation>
    </message>
    <message>
        <source>transition: {transition} {ms} ms</source>
        <translation>转场：{transition} {ms} 毫秒</translation>
    </message>
    <message>
        <source>started</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>{said} ({path})</source>
        <translation>{said}（{path}）</translation>
    </message>
    <message>
        <source>OBS {version} answered in {ms} ms</source>
        <translation>OBS {version} 在 {ms} 毫秒内应答</translation>
    </message>
    <message>
        <source>room {room}: reconnecting now</source>
        <translation>直播间 {room}：正在重连</translation>
    </message>
    <message>
        <source>studio mode is off: turn it on first (studio.toggle)</source>
        <translation>工作室模式未开启：请先开启（studio.toggle）</translation>
    </message>
</context>
<context>
    <name>palette</name>
    <message>
        <source>true</source>
        <translation>是</translation>
    </message>
    <message>
        <source>false</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{command} takes nothing more</source>
        <translation>{command} 不需要更多参数</translation>
    </message>
    <message>
        <source>{title} · next</source>
        <translation>{title} · 下一项</translation>
    </message>
    <message>
        <source>{title} · on now</source>
        <translation>{title} · 进行中</translation>
    </message>
    <message>
        <source>{room}: {detail}</source>
        <translation>{room}：{detail}</translation>
    </message>
    <message>
        <source>declared; OBS not connected</source>
        <translation>配置中已声明；OBS 未连接</translation>
    </message>
    <message>
        <source>declared; OBS has no such scene</source>
        <translation>配置中已声明；OBS 中没有此场景</translation>
    </message>
    <message>
        <source>on program</source>
        <translation>节目中</translation>
    </message>
    <message>
        <source>in preview</source>
        <translation>预览中</translation>
    </message>
    <message>
        <source>in OBS</source>
        <translation>OBS 中已有</translation>
    </message>
    <message>
        <source>current, {ms} ms</source>
        <translation>当前，{ms} 毫秒</translation>
    </message>
</context>
<context>
    <name>pin</name>
    <message>
        <source>OBS is not connected: not known</source>
        <translation>OBS 未连接：无法确认</translation>
    </message>
    <message>
        <source>not known: {why}</source>
        <translation>无法确认：{why}</translation>
    </message>
    <message>
        <source>{source!r} is hidden in {scene!r}, the program scene</source>
        <translation>{source!r} 在节目场景 {scene!r} 中被隐藏</translation>
    </message>
    <message>
        <source>the program scene {scene!r} does not show {source!r} (it is in {pinned!r})</source>
        <translation>节目场景 {scene!r} 中没有 {source!r}（它在 {pinned!r} 中）</translation>
    </message>
</context>
<context>
    <name>product</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Price (¥)</source>
        <translation>到手价（¥）</translation>
    </message>
    <message>
        <source>List price (¥, only a real one)</source>
        <translation>原价（¥，仅填真实价格）</translation>
    </message>
    <message>
        <source>Stock left</source>
        <translation>剩余库存</translation>
    </message>
    <message>
        <source>Cart link no.</source>
        <translation>购物车链接号</translation>
    </message>
    <message>
        <source>Images (a | b)</source>
        <translation>图片（a | b）</translation>
    </message>
    <message>
        <source>Selling points (a | b)</source>
        <translation>卖点（a | b）</translation>
    </message>
    <message>
        <source>Guarantee</source>
        <translation>售后保障</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>使用方法</translation>
    </message>
    <message>
        <source>Deal: START END PRICE</source>
        <translation>秒杀：开始 结束 价格</translation>
    </message>
</context>
<context>
    <name>rebind</name>
    <message>
        <source>{key} is already this binding&apos;s key</source>
        <translation>{key} 已经是这个绑定的按键</translation>
    </message>
    <message>
        <source>{key} opens the command palette</source>
        <translation>{key} 用于打开命令面板</translation>
    </message>
    <message>
        <source>{key} switches the window&apos;s language</source>
        <translation>{key} 用于切换界面语言</translation>
    </message>
    <message>
        <source>{key} is bound to {command} already</source>
        <translation>{key} 已绑定到 {command}，存在冲突</translation>
    </message>
    <message>
        <source>{refusal} (this binding is global)</source>
        <translation>{refusal}（这个绑定是全局快捷键）</translation>
    </message>
    <message>
        <source>press the new key for {command} (now {key})</source>
        <translation>请按下 {command} 的新按键（当前为 {key}）</translation>
    </message>
    <message>
        <source>✗ {problem}</source>
        <translation>✗ {problem}</translation>
    </message>
    <message>
        <source>{old} → {new} for {command}: free · Enter saves</source>
        <translation>{command}：{old} → {new}，无冲突 · 按 Enter 保存</translation>
    </message>
    <message>
        <source>✗ not saved to {file}: {why}</source>
        <translation>✗ 未保存到 {file}：{why}</translation>
    </message>
    <message>
        <source>✓ {old} → {new}, saved to {file} (the old file is .bak.1)</source>
        <translation>✓ {old} → {new}，已保存到 {file}（旧文件为 .bak.1）</translation>
    </message>
</context>
<context>
    <name>reconnect</name>
    <message>
        <source>{phase} (retry in {seconds} s)</source>
        <translation>{phase}（{seconds} 秒后重试）</translation>
    </message>
    <message>
        <source>{phase} in {seconds} s</source>
        <translation>{seconds} 秒后{phase}</translation>
    </message>
    <message>
        <source>{phase}: {reason}</source>
        <translation>{phase}：{reason}</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>未启动</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>重连</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>restore</name>
    <message>
        <source>OBS is on {program!r}; the show was on {show!r}</source>
        <translation>OBS 当前在 {program!r}；本场原来在 {show!r}</translation>
    </message>
    <message>
        <source>the pinned comment is not on air: {comment}</source>
        <translation>置顶弹幕未上屏：{comment}</translation>
    </message>
    <message>
        <source>the host&apos;s queue waits, held since the restart: {titles}</source>
        <translation>数字人队列自重启后挂起，等待中：{titles}</translation>
    </message>
    <message>
        <source>could not compare with OBS: {error}</source>
        <translation>无法与 OBS 比对：{error}</translation>
    </message>
    <message>
        <source>OBS has no {source!r} source; the show had {product} on air</source>
        <translation>OBS 中没有来源 {source!r}；本场原来在播 {product}</translation>
    </message>
    <message>
        <source>OBS&apos;s slide is not {product}&apos;s, which the show had on air</source>
        <translation>OBS 中的讲解卡不是本场原来在播的 {product}</translation>
    </message>
    <message>
        <source>{product}&apos;s slide is hidden in {scene!r}</source>
        <translation>{product} 的讲解卡在 {scene!r} 中被隐藏</translation>
    </message>
    <message>
        <source>program {scene}</source>
        <translation>节目 {scene}</translation>
    </message>
    <message>
        <source>slide {sku}</source>
        <translation>讲解卡 {sku}</translation>
    </message>
    <message>
        <source>pinned comment for {seconds} s</source>
        <translation>置顶弹幕 {seconds} 秒</translation>
    </message>
    <message>
        <source>host queue of 1 line</source>
        <translation>数字人队列 1 句</translation>
    </message>
    <message>
        <source>host queue of {count} lines</source>
        <translation>数字人队列 {count} 句</translation>
    </message>
    <message>
        <source>room {room}: OBS shows what the show had; nothing to restore</source>
        <translation>直播间 {room}：OBS 与本场一致，无需恢复</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>room {room}: restored {what}</source>
        <translation>直播间 {room}：已恢复 {what}</translation>
    </message>
</context>
<context>
    <name>setup</name>
    <message>
        <source>a text source</source>
        <translation>文本来源</translation>
    </message>
    <message>
        <source>name another comment source in the profile</source>
        <translation>在配置中改用其他弹幕来源</translation>
    </message>
    <message>
        <source>name another AI label source in the profile</source>
        <translation>在配置中改用其他 AI 标识来源</translation>
    </message>
    <message>
        <source>a media source</source>
        <translation>媒体来源</translation>
    </message>
    <message>
        <source>name another host media source in the profile</source>
        <translation>在配置中改用其他数字人媒体来源</translation>
    </message>
    <message>
        <source>OBS source {source!r} is a {kind}, not {noun}: rename it in OBS or {remedy}</source>
        <translation>OBS 来源 {source!r} 是 {kind}，不是{noun}：请在 OBS 中将其改名，或{remedy}</translation>
    </message>
    <message>
        <source>is not bounded to a box ({actual}); the layout has {wanted}</source>
        <translation>未设置边界框（{actual}）；布局要求 {wanted}</translation>
    </message>
    <message>
        <source>is {actual}; the layout has {wanted}</source>
        <translation>为 {actual}；布局要求 {wanted}</translation>
    </message>
    <message>
        <source>is moved or scaled ({actual}), not over the canvas</source>
        <translation>被移动或缩放（{actual}），没有铺满画布</translation>
    </message>
    <message>
        <source>{width}×{height} at {x},{y}</source>
        <translation>{width}×{height}，位于 {x},{y}</translation>
    </message>
    <message>
        <source>scene {scene!r}</source>
        <translation>场景 {scene!r}</translation>
    </message>
    <message>
        <source>{source!r} in {scene!r}</source>
        <translation>{scene!r} 中的 {source!r}</translation>
    </message>
    <message>
        <source>{subject}: {problem}</source>
        <translation>{subject}：{problem}</translation>
    </message>
    <message>
        <source>OBS&apos;s {source!r} is a {kind}, not {noun}: rename it in OBS or {remedy}</source>
        <translation>OBS 中的 {source!r} 是 {kind}，不是{noun}：请在 OBS 中将其改名，或{remedy}</translation>
    </message>
    <message>
        <source>is hidden</source>
        <translation>被隐藏</translation>
    </message>
    <message>
        <source>{subject} {problem}</source>
        <translation>{subject} {problem}</translation>
    </message>
    <message>
        <source>{what} (nested)</source>
        <translation>{what}（嵌套）</translation>
    </message>
    <message>
        <source>{what} (new source)</source>
        <translation>{what}（新来源）</translation>
    </message>
    <message>
        <source>room {room}: OBS has everything the show needs</source>
        <translation>直播间 {room}：OBS 已具备本场所需的全部内容</translation>
    </message>
    <message>
        <source>missing: {items}</source>
        <translation>缺少：{items}</translation>
    </message>
    <message>
        <source>different: {items}</source>
        <translation>不一致：{items}</translation>
    </message>
    <message>
        <source>created {count}: {items}</source>
        <translation>已创建 {count} 项：{items}</translation>
    </message>
    <message>
        <source>nothing to create</source>
        <translation>无需创建</translation>
    </message>
    <message>
        <source>left as they are: {items}</source>
        <translation>保持原样：{items}</translation>
    </message>
    <message>
        <source>room {room}: {said}</source>
        <translation>直播间 {room}：{said}</translation>
    </message>
    <message>
        <source>an image source</source>
        <translation>图像来源</translation>
    </message>
    <message>
        <source>choose another slide source in the profile</source>
        <translation>在配置中改选其他讲解卡来源</translation>
    </message>
</context>
<context>
    <name>show</name>
    <message>
        <source>slides unavailable: {why}</source>
        <translation>讲解卡不可用：{why}</translation>
    </message>
    <message>
        <source>slides are off in this console</source>
        <translation>此中控台未启用讲解卡</translation>
    </message>
    <message>
        <source>slide hidden</source>
        <translation>讲解卡已下屏</translation>
    </message>
    <message>
        <source>this profile has no rundown</source>
        <translation>此配置没有场控流程</translation>
    </message>
    <message>
        <source>already at the end of the rundown</source>
        <translation>已经是场控流程的最后一项</translation>
    </message>
    <message>
        <source>already at the start of the rundown</source>
        <translation>已经是场控流程的第一项</translation>
    </message>
    <message>
        <source>rundown {number}: {item}</source>
        <translation>场控流程第 {number} 项：{item}</translation>
    </message>
    <message>
        <source>{rundown}; {slide}</source>
        <translation>{rundown}；{slide}</translation>
    </message>
    <message>
        <source>slide {sku} on air ({ms} ms to OBS)</source>
        <translation>讲解卡 {sku} 已上屏（OBS 用时 {ms} 毫秒）</translation>
    </message>
    <message>
        <source>{said} (compliance override)</source>
        <translation>{said}（强制忽略违禁词）</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>no room {room!r} in this show (rooms: {rooms})</source>
        <translation>本场没有直播间 {room!r}（直播间：{rooms}）</translation>
    </message>
    <message>
        <source>working in room {room}</source>
        <translation>当前直播间：{room}</translation>
    </message>
    <message>
        <source>no translation for {tag}: say one of {languages}</source>
        <translation>没有 {tag} 的翻译：请选择 {languages} 之一</translation>
    </message>
    <message>
        <source>the window speaks {name}</source>
        <translation>界面语言：{name}</translation>
    </message>
</context>
</TS>
