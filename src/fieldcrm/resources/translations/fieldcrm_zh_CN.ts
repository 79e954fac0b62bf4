<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CustomerForm</name>
    <message>
        <location filename="../../ui/customers/form.py" line="40" />
        <source>Company name as on the business licence</source>
        <translation>营业执照上的公司名称</translation>
    </message>
    <message>
        <location filename="../../ui/customers/form.py" line="41" />
        <source>18 characters, optional</source>
        <translation>18 位，可不填</translation>
    </message>
    <message>
        <location filename="../../ui/customers/form.py" line="42" />
        <source>comma-separated</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../ui/customers/form.py" line="50" />
        <source>Follow up on</source>
        <translation>跟进日期</translation>
    </message>
</context>
<context>
    <name>CustomerListScreen</name>
    <message>
        <location filename="../../ui/customers/screen.py" line="47" />
        <source>Search name, contact, phone or address (Ctrl+F)</source>
        <translation>搜索名称、联系人、电话或地址（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="49" />
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="50" />
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="51" />
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="52" />
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="53" />
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="54" />
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="55" />
        <source>Follow-up due</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="58" />
        <source>No customers yet. Click “New customer” (Ctrl+N) to add your first one, or import an Excel list.</source>
        <translation>还没有客户。点击“新建客户”（Ctrl+N）添加第一个客户，或导入 Excel 客户名单。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customers/screen.py" line="190" />
        <source>More than %n customer(s)…</source>
        <translation><numerusform>超过 %n 个客户…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customers/screen.py" line="209" />
        <source>%n customer(s)</source>
        <translation><numerusform>共 %n 个客户</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="220" />
        <source>No customer matches. Check the spelling, or clear the filters.</source>
        <translation>没有匹配的客户。请检查输入，或清除筛选条件。</translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <location filename="../../ui/customers/page.py" line="30" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="31" />
        <location filename="../../ui/customers/page.py" line="88" />
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="32" />
        <location filename="../../ui/customers/page.py" line="89" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="33" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="34" />
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="35" />
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="38" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="39" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="40" />
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="41" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="42" />
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="43" />
        <source>Follow-up date</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="46" />
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="47" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="48" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="49" />
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="78" />
        <source>← Back to list</source>
        <translation>← 返回列表</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="79" />
        <source>Log visit</source>
        <translation>记录拜访</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="80" />
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="87" />
        <source>Contact name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="90" />
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="117" />
        <source>No visits, calls or meetings yet. Click “Log visit” after you contact this customer.</source>
        <translation>还没有拜访、电话或会议记录。联系客户后点击“记录拜访”。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="123" />
        <source>Timeline</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="124" />
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="125" />
        <source>Opportunities</source>
        <translation>商机</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="157" />
        <source>nobody (public pool)</source>
        <translation>无（公海）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="158" />
        <source>not protected</source>
        <translation>未保护</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="159" />
        <source>Owner: {0} · protected until: {1}</source>
        <translation>负责人：{0} · 保护期至：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="179" />
        <source>Nothing to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="186" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../ui/common/customer_picker.py" line="17" />
        <source>Find customer…</source>
        <translation>查找客户…</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <location filename="../../ui/customers/model.py" line="23" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="24" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="25" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="26" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="27" />
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="28" />
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="29" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="30" />
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="31" />
        <source>Protected until</source>
        <translation>保护期至</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="35" />
        <source>Welcome to FieldCRM</source>
        <translation>欢迎使用 FieldCRM</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="40" />
        <source>This laptop has no profile yet. Tell FieldCRM who you are; everything stays on this laptop until you connect to your head-office server.</source>
        <translation>这台电脑还没有用户档案。请填写您的信息；在连接总部服务器之前，所有数据只保存在本机。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="46" />
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="50" />
        <source>Your name, e.g. 张伟</source>
        <translation>您的姓名，如 张伟</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="54" />
        <source>e.g. 华东一组 (optional)</source>
        <translation>如 华东一组（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="55" />
        <source>Log in to a head-office server instead…</source>
        <translation>改为登录总部服务器…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="57" />
        <source>Head-office server</source>
        <translation>总部服务器</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="61" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="63" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="64" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="65" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="76" />
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="72" />
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="75" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>InboxScreen</name>
    <message>
        <location filename="../../ui/reports/inbox.py" line="30" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="31" />
        <location filename="../../ui/reports/inbox.py" line="68" />
        <source>Rep</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="32" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="33" />
        <source>Visits</source>
        <translation>拜访数</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="34" />
        <source>Times submitted</source>
        <translation>提交次数</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="44" />
        <source>All reps</source>
        <translation>全部销售</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="52" />
        <source>No submitted reports waiting. Reports your reps submit appear here to countersign or return.</source>
        <translation>暂无待审日报。下属提交的日报会出现在这里，供您会签或退回。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="61" />
        <source>Comment for the rep (to return)</source>
        <translation>给销售的意见（退回时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="62" />
        <source>Countersign</source>
        <translation>会签</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="63" />
        <source>Return to rep</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="70" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="72" />
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="87" />
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="150" />
        <source>Select a report on the left to read it.</source>
        <translation>在左侧选择一份日报查看。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="176" />
        <source>Countersigned {0}'s report of {1}.</source>
        <translation>已会签 {0} 的 {1} 日报。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="179" />
        <source>Returned {0}'s report of {1}.</source>
        <translation>已退回 {0} 的 {1} 日报。</translation>
    </message>
</context>
<context>
    <name>LogVisitDialog</name>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="41" />
        <source>Log visit: {0}</source>
        <translation>记录拜访：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="50" />
        <source>What came out of it (required)</source>
        <translation>拜访结果（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="53" />
        <source>e.g. send the quotation</source>
        <translation>如：发送报价单</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="54" />
        <source>Follow up on</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="68" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="70" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="77" />
        <source>Save visit</source>
        <translation>保存拜访</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="78" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="43" />
        <source>FieldCRM — {0} ({1})</source>
        <translation>FieldCRM — {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="59" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150" />
        <source>Open a customer or select a planned stop to log a visit.</source>
        <translation>请先打开一个客户或选择一个计划拜访，再记录拜访。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161" />
        <source>Visit logged.</source>
        <translation>拜访已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170" />
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177" />
        <source>Offline (sync not configured)</source>
        <translation>离线（未配置同步）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179" />
        <source>Offline (log in again to sync)</source>
        <translation>离线（请重新登录以同步）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181" />
        <source>Offline (server not reachable at last sync)</source>
        <translation>离线（上次同步时无法连接服务器）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183" />
        <source>Online: {0}</source>
        <translation>在线：{0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="184" />
        <source>%n change(s) waiting to sync</source>
        <translation><numerusform>%n 条修改待同步</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186" />
        <source>Last sync: {0}</source>
        <translation>上次同步：{0}</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="34" />
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="37" />
        <source>Main contact (optional)</source>
        <translation>主要联系人（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="38" />
        <source>Contact's mobile</source>
        <translation>联系人手机</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="41" />
        <source>Possible duplicates — check before saving</source>
        <translation>可能重复的客户 — 保存前请核对</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="44" />
        <source>This is a different company: create it anyway</source>
        <translation>这是另一家公司，仍然创建</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="51" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="52" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="106" />
        <source>A customer like this exists. Check the list above before saving.</source>
        <translation>已存在类似客户。保存前请核对上面的列表。</translation>
    </message>
</context>
<context>
    <name>PlanScreen</name>
    <message>
        <location filename="../../ui/plans/screen.py" line="30" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="31" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="43" />
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="44" />
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="45" />
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="59" />
        <source>Pick a day, find a customer below and click “Add stop” to plan a visit.</source>
        <translation>选择一天，在下方找到客户，点击“添加拜访”来安排行程。</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="64" />
        <source>Purpose of the visit</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="65" />
        <source>Add stop</source>
        <translation>添加拜访</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="66" />
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="67" />
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="70" />
        <source>Move to day</source>
        <translation>改到日期</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="71" />
        <source>Cancel stop</source>
        <translation>取消拜访</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="120" />
        <source>Week of {0}</source>
        <translation>{0} 这一周</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="153" />
        <source>Find and pick a customer first.</source>
        <translation>请先查找并选择客户。</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="161" />
        <location filename="../../ui/plans/screen.py" line="168" />
        <location filename="../../ui/plans/screen.py" line="175" />
        <source>Select a stop first.</source>
        <translation>请先选择一个拜访。</translation>
    </message>
</context>
<context>
    <name>ReportScreen</name>
    <message>
        <location filename="../../ui/reports/screen.py" line="38" />
        <source>Summary of the day: what went well, what needs help, tomorrow's plan</source>
        <translation>今日总结：进展、需要的支持、明日计划</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="39" />
        <source>Rebuild from visits</source>
        <translation>按拜访重新生成</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="40" />
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="41" />
        <location filename="../../ui/reports/screen.py" line="101" />
        <source>Submit report</source>
        <translation>提交日报</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="45" />
        <source>No visits logged on this day. Log visits from Today or a customer's page; they appear here.</source>
        <translation>这一天没有拜访记录。在“今日”或客户页面记录拜访后，会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="50" />
        <source>Report for</source>
        <translation>日报日期</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="63" />
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="101" />
        <source>Resubmit report</source>
        <translation>重新提交日报</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="112" />
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="118" />
        <source>Submitted to your supervisor.</source>
        <translation>已提交给主管。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="20" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="24" />
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="33" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="34" />
        <source>Working as</source>
        <translation>当前用户</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync/panel.py" line="29" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="30" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="31" />
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="32" />
        <source>Theirs (server)</source>
        <translation>服务器的</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="33" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="34" />
        <source>Since</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="54" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="55" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="56" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="63" />
        <source>No conflicts. Changes made on two devices to the same field show here.</source>
        <translation>没有冲突。两台设备修改同一字段时，会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="65" />
        <source>Or type the value to keep</source>
        <translation>或输入要保留的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="66" />
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="67" />
        <source>Keep theirs</source>
        <translation>采用服务器的</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="68" />
        <source>Keep edited value</source>
        <translation>保留编辑后的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="74" />
        <source>Head-office server</source>
        <translation>总部服务器</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="76" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="77" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="78" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="80" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="92" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="129" />
        <source>Logged out of {0}: log in again to sync.</source>
        <translation>已从 {0} 退出：请重新登录后同步。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="131" />
        <source>Connected to {0} as {1}</source>
        <translation>已以 {1} 身份连接 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="127" />
        <source>Sync not configured: your changes are kept safely on this laptop.</source>
        <translation>未配置同步：您的修改安全地保存在本机。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/panel.py" line="135" />
        <source>%n change(s) waiting to be sent</source>
        <translation><numerusform>%n 条修改待发送</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="136" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="137" />
        <source>Last sync: {0}</source>
        <translation>上次同步：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="138" />
        <source>Last result: {0}</source>
        <translation>上次结果：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="154" />
        <source>Logged in as {0}.</source>
        <translation>已登录：{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="180" />
        <source>Cancelling after the current batch…</source>
        <translation>当前批次完成后取消…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="192" />
        <source>Sync finished: {0}</source>
        <translation>同步完成：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="202" />
        <source>Select a conflict first.</source>
        <translation>请先选择一个冲突。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="213" />
        <source>Conflict resolved.</source>
        <translation>冲突已解决。</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../../ui/today/screen.py" line="18" />
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="19" />
        <location filename="../../ui/today/screen.py" line="26" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="20" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="21" />
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="22" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="25" />
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="27" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="28" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="29" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="45" />
        <source>Log visit for this stop (Ctrl+L)</source>
        <translation>为此拜访记录（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="46" />
        <source>Log visit</source>
        <translation>记录拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="48" />
        <source>No stops planned for today. Open Plans to plan your visits, or log a visit from a customer.</source>
        <translation>今天没有计划拜访。打开“计划”安排拜访，或从客户页面记录拜访。</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="51" />
        <source>No follow-ups due. Set a follow-up date when you log a visit.</source>
        <translation>没有到期的跟进。记录拜访时可以设置跟进日期。</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="54" />
        <source>Planned stops</source>
        <translation>计划拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="62" />
        <source>Follow-ups due or overdue</source>
        <translation>到期或逾期的跟进</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="93" />
        <source>{0} · {1} of {2} stops done</source>
        <translation>{0} · 已完成 {1}/{2} 个拜访</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/screen.py" line="95" />
        <source>%n visit(s) logged today</source>
        <translation><numerusform>今日记录 %n 次</numerusform></translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../../ui/fields.py" line="10" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="11" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="12" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="13" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="14" />
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="15" />
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="16" />
        <source>Size</source>
        <translation>规模</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="17" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="18" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="19" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="20" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="21" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="22" />
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="23" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="24" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="25" />
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="26" />
        <source>Follow-up date</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="27" />
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="28" />
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="29" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="30" />
        <location filename="../../ui/fields.py" line="46" />
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="31" />
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="32" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="33" />
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="34" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="35" />
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="36" />
        <source>Protected until</source>
        <translation>保护期至</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="37" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="38" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="39" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="43" />
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="44" />
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="45" />
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="50" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="51" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="52" />
        <source>Countersigned</source>
        <translation>已会签</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="53" />
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="54" />
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="55" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="56" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="60" />
        <source>Sales rep</source>
        <translation>销售代表</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="61" />
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="62" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="66" />
        <source>same credit code</source>
        <translation>信用代码相同</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="67" />
        <source>same company name</source>
        <translation>公司名称相同</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="68" />
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="69" />
        <source>similar name</source>
        <translation>名称相似</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="95" />
        <source>no owner</source>
        <translation>无负责人</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="97" />
        <source>{name} ({reason}; owner: {owner})</source>
        <translation>{name}（{reason}；负责人：{owner}）</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="108" />
        <source>Possible duplicate of an existing customer:</source>
        <translation>可能与已有客户重复：</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../ui/ops/base.py" line="33" />
        <source>Unexpected error (this is a bug, details are in the log): {0}</source>
        <translation>意外错误（程序缺陷，详情见日志）：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/ops/base.py" line="40" />
        <source>FieldCRM</source>
        <translation>FieldCRM</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <location filename="../../ui/reports/common.py" line="14" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="15" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="16" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="17" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="18" />
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="19" />
        <source>Follow-up date</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="31" />
        <source>Not started: this preview lists the day's visits.</source>
        <translation>尚未创建：以下是当天拜访的预览。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="32" />
        <source>State: {0}</source>
        <translation>状态：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="34" />
        <source>submitted {0}</source>
        <translation>提交于 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="36" />
        <source>countersigned by {0} on {1}</source>
        <translation>由 {0} 于 {1} 会签</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="40" />
        <source>returned with comment: {0}</source>
        <translation>已退回，意见：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="52" />
        <source>✔ Signature valid: the report is unchanged since it was countersigned.</source>
        <translation>✔ 签名有效：会签后日报未被修改。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="54" />
        <source>✘ Signature check failed: the report was changed after countersigning!</source>
        <translation>✘ 签名校验失败：日报在会签后被修改过！</translation>
    </message>
</context>
<context>
    <name>screens</name>
    <message>
        <location filename="../../ui/screens.py" line="75" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="76" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="77" />
        <source>Plans</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="78" />
        <source>Reports</source>
        <translation>日报</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="79" />
        <source>Inbox</source>
        <translation>待审日报</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="80" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
</context>
</TS>