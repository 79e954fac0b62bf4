<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppealDialog</name>
    <message>
        <location filename="../../ui/appeals/appeal_dialog.py" line="23"/>
        <source>Appeal to your supervisor</source>
        <translation>向主管申诉</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/appeal_dialog.py" line="25"/>
        <source>Why you lost {0}: {1}.</source>
        <translation>您失去 {0} 的原因：{1}。</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/appeal_dialog.py" line="29"/>
        <source>Your supervisor reads your statement beside both reps&apos; first contact and visits, and decides in writing. Upheld, the customer becomes yours; rejected, it stays where it is. Both of you see the decision.</source>
        <translation>主管会对照双方的首次接触和拜访记录阅读您的陈述，并作出书面裁决。申诉成立，客户归您；驳回，客户保持不变。双方都能看到裁决。</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/appeal_dialog.py" line="36"/>
        <source>Why the customer should be yours (required): when you first met them, what you did since…</source>
        <translation>客户为什么应归您（必填）：您何时首次接触、此后做了什么…</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/appeal_dialog.py" line="42"/>
        <source>File appeal</source>
        <translation>提交申诉</translation>
    </message>
</context>
<context>
    <name>ArbitrationScreen</name>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="34"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="35"/>
        <source>Appellant</source>
        <translation>申诉人</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="36"/>
        <source>Holder</source>
        <translation>当前负责人</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="37"/>
        <source>Filed</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="38"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="42"/>
        <source>Visited</source>
        <translation>拜访时间</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="43"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="53"/>
        <source>Open appeals only</source>
        <translation>只看待裁决的申诉</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="75"/>
        <source>Your decision and why (required; both reps read it)</source>
        <translation>您的裁决及理由（必填；双方销售都会看到）</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="77"/>
        <source>Uphold</source>
        <translation>申诉成立</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="78"/>
        <source>The customer goes to the appellant</source>
        <translation>客户归申诉人</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="79"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="80"/>
        <source>The customer stays where it is</source>
        <translation>客户保持不变</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="99"/>
        <source>Decision</source>
        <translation>裁决</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="125"/>
        <location filename="../../ui/appeals/arbitration.py" line="165"/>
        <source>public pool</source>
        <translation>公海</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="128"/>
        <source>No open appeals. When a rep appeals about a customer they lost, it waits here for your decision.</source>
        <translation>没有待裁决的申诉。销售对失去的客户提出申诉后，会在这里等待您的裁决。</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="130"/>
        <source>No appeals yet.</source>
        <translation>还没有申诉。</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="146"/>
        <source>none recorded</source>
        <translation>无记录</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="147"/>
        <source>{0} ({1}) — first contact: {2}; visits: {3}</source>
        <translation>{0}（{1}）— 首次接触：{2}；拜访：{3} 次</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="151"/>
        <source>; holds it since {0}</source>
        <translation>；自 {0} 起负责</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="159"/>
        <source>Select an appeal on the left to read both sides.</source>
        <translation>在左侧选择一条申诉，查看双方的情况。</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="167"/>
        <source>{0}: {1} appeals against {2}</source>
        <translation>{0}：{1} 对 {2} 的申诉</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="170"/>
        <source>How it was lost: {0}. Statement: “{1}”</source>
        <translation>失去方式：{0}。陈述：“{1}”</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="175"/>
        <source>appellant</source>
        <translation>申诉人</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="176"/>
        <source>holds it</source>
        <translation>当前负责人</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="187"/>
        <source>{0} by {1} on {2}: {3}</source>
        <translation>{0}，由 {1} 于 {2} 裁决：{3}</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="205"/>
        <source>Upheld: {0} now belongs to {1}.</source>
        <translation>申诉成立：{0} 现归 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/appeals/arbitration.py" line="207"/>
        <source>Rejected: {0} stays with {2}; {1} is told why.</source>
        <translation>已驳回：{0} 仍归 {2}；{1} 会看到理由。</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="34"/>
        <source>In turn (round-robin)</source>
        <extracomment>The strategies in the order offered, with their names in the window.</extracomment>
        <translation>轮流分配</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="35"/>
        <source>To one rep</source>
        <translation>分给指定销售</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="36"/>
        <source>By region</source>
        <translation>按区域</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="37"/>
        <source>By industry</source>
        <translation>按行业</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="38"/>
        <source>By free capacity</source>
        <translation>按剩余容量</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="41"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="42"/>
        <source>Goes to</source>
        <translation>分给</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customers/assign_dialog.py" line="56"/>
        <source>Assign %n customer(s)</source>
        <translation>
            <numerusform>分配 %n 个客户</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="62"/>
        <source>Why, for the team&apos;s ownership history (optional)</source>
        <translation>原因，记入团队可见的归属记录（选填）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="78"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="79"/>
        <source>Rep</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="80"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="83"/>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="87"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="91"/>
        <source>Who gets which customer:</source>
        <translation>每个客户分给谁：</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="108"/>
        <source>{0} (holds {1} of {2})</source>
        <translation>{0}（已有 {1}/{2}）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="118"/>
        <source>Reps take turns, continuing after the rep who got the last customer in turn.</source>
        <translation>销售轮流领取，从上一轮最后分到客户的销售之后接着分。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="119"/>
        <source>Every customer goes to the rep you choose.</source>
        <translation>所有客户都分给您选定的销售。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="120"/>
        <source>Each customer goes to a rep whose customers are mostly in its region.</source>
        <translation>每个客户分给其客户大多在该区域的销售。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="121"/>
        <source>Each customer goes to the rep holding most customers of its industry.</source>
        <translation>每个客户分给该行业客户最多的销售。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="122"/>
        <source>Each customer goes to the rep with the most room under their limit.</source>
        <translation>每个客户分给离上限剩余名额最多的销售。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="126"/>
        <source>Nobody is given more customers than their limit.</source>
        <translation>任何人分到的客户都不会超过其上限。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="148"/>
        <source>Not assigned: {0}</source>
        <translation>未分配：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="165"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="166"/>
        <source>{0} gets {1}</source>
        <translation>{0} {1} 个</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customers/assign_dialog.py" line="169"/>
        <source>%n customer(s) assigned: {0}.</source>
        <translation>
            <numerusform>已分配 %n 个客户：{0}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customers/assign_dialog.py" line="171"/>
        <source>%n customer(s) will be assigned: {0}.</source>
        <translation>
            <numerusform>将分配 %n 个客户：{0}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="173"/>
        <source>No customer was assigned.</source>
        <translation>没有分配任何客户。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="175"/>
        <source>No customer can be assigned this way.</source>
        <translation>按这种方式无法分配任何客户。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customers/assign_dialog.py" line="178"/>
        <source>%n could not be assigned; the list says why.</source>
        <translation>
            <numerusform>%n 个无法分配，原因见上表。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/customers/assign_dialog.py" line="195"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>AutoSyncDriver</name>
    <message>
        <location filename="../../ui/auto_sync.py" line="90"/>
        <source>Offline: will sync when the server can be reached.</source>
        <extracomment>How often the window asks the schedule whether a sync is due (cheap: no I/O unless one is).</extracomment>
        <translation>离线：可连接服务器后将自动同步。</translation>
    </message>
    <message>
        <location filename="../../ui/auto_sync.py" line="92"/>
        <source>Background sync cancelled.</source>
        <translation>后台同步已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/auto_sync.py" line="101"/>
        <source>Background sync paused: {0}</source>
        <translation>后台同步已暂停：{0}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/crash.py" line="52"/>
        <source>FieldCRM: something went wrong</source>
        <translation>FieldCRM：出现了问题</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="56"/>
        <source>Sorry: FieldCRM ran into an error it did not expect. The data you saved is safe: every change is saved whole or not at all, so at most the last action did not happen. Please copy the report below and send it to head office; it holds no customer data.</source>
        <translation>抱歉：FieldCRM 遇到了一个意外错误。您已保存的数据是安全的：每次修改要么完整保存，要么完全不保存，最多只是最后一个操作没有完成。请复制下面的报告并发送给总部；报告中不含任何客户数据。</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="67"/>
        <source>Log folder: {0}</source>
        <translation>日志文件夹：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="67"/>
        <source>No log folder</source>
        <translation>没有日志文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="71"/>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="72"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="74"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <location filename="../../ui/customers/form.py" line="40"/>
        <source>Company name as on the business licence</source>
        <translation>营业执照上的公司名称</translation>
    </message>
    <message>
        <location filename="../../ui/customers/form.py" line="41"/>
        <source>18 characters, optional</source>
        <translation>18 位，可不填</translation>
    </message>
    <message>
        <location filename="../../ui/customers/form.py" line="42"/>
        <source>comma-separated</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../ui/customers/form.py" line="50"/>
        <source>Set a date</source>
        <translation>设定日期</translation>
    </message>
</context>
<context>
    <name>CustomerListScreen</name>
    <message>
        <location filename="../../ui/customers/screen.py" line="69"/>
        <source>Search name, contact, phone or address (Ctrl+F)</source>
        <extracomment>`when_painted` callbacks run at the latest this long after they were asked for (a hidden screen never paints).</extracomment>
        <translation>搜索名称、联系人、电话或地址（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="71"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="72"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="73"/>
        <source>Import customers from an Excel or CSV file</source>
        <translation>从 Excel 或 CSV 文件导入客户</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="74"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="75"/>
        <source>Export the customers shown, with the current filter, to Excel</source>
        <translation>将当前筛选显示的客户导出到 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="76"/>
        <source>Assign…</source>
        <translation>分配…</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="77"/>
        <source>Give the selected customers to reps of your team</source>
        <translation>把选中的客户分配给本团队的销售</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="80"/>
        <source>Hand over…</source>
        <translation>交接…</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="81"/>
        <source>Hand the selected customers to a teammate (e.g. when you leave)</source>
        <translation>把选中的客户交接给同组同事（例如离职或调岗时）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="83"/>
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="84"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="85"/>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="86"/>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="87"/>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="88"/>
        <source>Follow-up due</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="91"/>
        <source>No customers yet. Click “New customer” (Ctrl+N) to add your first one, or import an Excel list.</source>
        <translation>还没有客户。点击“新建客户”（Ctrl+N）添加第一个客户，或导入 Excel 客户名单。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customers/screen.py" line="322"/>
        <source>More than %n customer(s)…</source>
        <translation>
            <numerusform>超过 %n 个客户…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customers/screen.py" line="341"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>共 %n 个客户</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/customers/screen.py" line="352"/>
        <source>No customer matches. Check the spelling, or clear the filters.</source>
        <translation>没有匹配的客户。请检查输入，或清除筛选条件。</translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <location filename="../../ui/customers/page.py" line="39"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="40"/>
        <location filename="../../ui/customers/page.py" line="156"/>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="41"/>
        <location filename="../../ui/customers/page.py" line="157"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="42"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="43"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="44"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="47"/>
        <location filename="../../ui/customers/page.py" line="55"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="48"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="49"/>
        <location filename="../../ui/customers/page.py" line="58"/>
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="50"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="51"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="52"/>
        <source>Follow-up date</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="56"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="57"/>
        <source>From → to</source>
        <translation>从 → 到</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="59"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="62"/>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="63"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="64"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="65"/>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="103"/>
        <source>Mobile numbers are masked: this customer is not yours.</source>
        <translation>手机号已脱敏：这不是您的客户。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="106"/>
        <source>Reveal numbers</source>
        <translation>显示号码</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="107"/>
        <source>Show the mobile numbers in full; head office is told that you looked</source>
        <translation>显示完整手机号；总部会收到您查看的记录</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="114"/>
        <source>← Back to list</source>
        <translation>← 返回列表</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="115"/>
        <source>Log visit</source>
        <translation>记录拜访</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="116"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="117"/>
        <source>Release to pool…</source>
        <translation>放回公海…</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="118"/>
        <source>Give this customer back to the public pool, with a reason</source>
        <translation>将此客户放回公海（需填写原因）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="120"/>
        <source>Hand over…</source>
        <translation>交接…</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="121"/>
        <source>Hand this customer to a teammate, with a reason</source>
        <translation>把此客户交接给同组同事（需填写原因）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="134"/>
        <source>Appeal…</source>
        <translation>申诉…</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="135"/>
        <source>Ask your supervisor to decide who should hold this customer</source>
        <translation>请主管裁决此客户应归谁</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="155"/>
        <source>Contact name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="158"/>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="192"/>
        <source>No visits, calls or meetings yet. Click “Log visit” after you contact this customer.</source>
        <translation>还没有拜访、电话或会议记录。联系客户后点击“记录拜访”。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="198"/>
        <source>Timeline</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="199"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="200"/>
        <source>Opportunities</source>
        <translation>商机</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="201"/>
        <source>Ownership</source>
        <translation>归属记录</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="256"/>
        <source>You lost this customer: {0}.</source>
        <translation>您已失去此客户：{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="271"/>
        <source>{0}&apos;s appeal against {1}, filed {2}, waits for the supervisor&apos;s decision.</source>
        <translation>{0} 对 {1} 的申诉（{2} 提交）正在等待主管裁决。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="274"/>
        <source>upheld</source>
        <translation>裁定成立</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="274"/>
        <source>rejected</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="275"/>
        <source>{0}&apos;s appeal against {1} was {2} by {3} on {4}: “{5}”</source>
        <translation>{0} 对 {1} 的申诉已由 {3} 于 {4} {2}：“{5}”</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="305"/>
        <source>nobody (public pool)</source>
        <translation>无（公海）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="306"/>
        <source>Owner: {0}</source>
        <translation>负责人：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="311"/>
        <source>Not accepted by head office: {0}. It stays on this laptop: correct it and save to send it again; on the Sync screen you can also send it as it is or discard it.</source>
        <translation>总部未接受：{0}。它仍保留在本机：修改后保存即可重新发送；也可在“同步”页面原样重新发送或放弃。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="332"/>
        <source>Protected through today ({0})</source>
        <translation>保护期今天到期（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="334"/>
        <source>Protected for 1 more day (until {0})</source>
        <translation>保护期还剩 1 天（至 {0}）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="336"/>
        <source>Protected for {0} more days (until {1})</source>
        <translation>保护期还剩 {0} 天（至 {1}）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="338"/>
        <source>Protection ended on {0}</source>
        <translation>保护期已于 {0} 结束</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="340"/>
        <source>Not protected</source>
        <translation>不在保护期</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="269"/>
        <location filename="../../ui/customers/page.py" line="366"/>
        <source>public pool</source>
        <translation>公海</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="355"/>
        <source>Goes back to the public pool on {0} ({1}): log a visit or win a deal to keep it</source>
        <translation>将于 {0} 退回公海（{1}）：拜访一次或赢单即可保留</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="357"/>
        <source>Goes back to the public pool on {0} if nothing changes ({1})</source>
        <translation>如无变化，将于 {0} 退回公海（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="414"/>
        <source>Nothing to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <location filename="../../ui/customers/page.py" line="421"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../ui/common/customer_picker.py" line="17"/>
        <source>Find customer…</source>
        <translation>查找客户…</translation>
    </message>
    <message>
        <location filename="../../ui/common/customer_picker.py" line="20"/>
        <source>Pick a customer</source>
        <translation>选择客户</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <location filename="../../ui/customers/model.py" line="29"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="30"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="31"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="32"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="33"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="34"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="35"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="36"/>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="37"/>
        <source>Protected until</source>
        <translation>保护期至</translation>
    </message>
    <message>
        <location filename="../../ui/customers/model.py" line="122"/>
        <source>Not accepted by head office: {0}</source>
        <extracomment>The search service&apos;s sort key per column. Rows fetched per request; the cache keeps this many windows (a few thousand rows), so memory stays flat. Plain ints for the paint path: a view asks data() for about ten roles per visible cell on every repaint. The columns a date&apos;s tone colours: a follow-up overdue or due today, protection ended or about to end.</extracomment>
        <translation>总部未接受：{0}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="42"/>
        <source>Export customers to Excel</source>
        <translation>导出客户到 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="48"/>
        <source>customers.xlsx</source>
        <translation>客户.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="49"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="56"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="58"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="59"/>
        <source>Export log…</source>
        <translation>导出记录…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="60"/>
        <source>Your earlier exports (head office keeps this log too)</source>
        <translation>您以前的导出（总部也保存这份记录）</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="65"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="66"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="67"/>
        <source>Header language</source>
        <translation>表头语言</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="83"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="96"/>
        <source>{0} customers in the list as filtered now</source>
        <translation>当前筛选列表中的 {0} 个客户</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="96"/>
        <source>all {0} customers</source>
        <translation>全部 {0} 个客户</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="100"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="111"/>
        <source>Choose where to save the file.</source>
        <translation>请选择文件的保存位置。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="117"/>
        <source>{0}: that folder does not exist.</source>
        <translation>{0}：该文件夹不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="131"/>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="133"/>
        <source>Exported {0} customers to {1}.</source>
        <translation>已将 {0} 个客户导出到 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_dialog.py" line="136"/>
        <source>Left out {0} customers that are not yours: your role may export only its own customers.</source>
        <translation>有 {0} 个客户不属于您，未导出：您的角色只能导出自己的客户。</translation>
    </message>
</context>
<context>
    <name>ExportLogDialog</name>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="28"/>
        <source>all customers</source>
        <extracomment>A fairness report&apos;s entry (`FairnessReport.describe`): its month, or its first and last.</extracomment>
        <translation>全部客户</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="31"/>
        <source>fairness report, {0} to {1}</source>
        <translation>分配公平性报表，{0} 至 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="33"/>
        <source>fairness report, {0}</source>
        <translation>分配公平性报表，{0}</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="38"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="39"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="40"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="41"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="42"/>
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="50"/>
        <source>Export log</source>
        <translation>导出记录</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="57"/>
        <source>Every export of customers to a file, newest first. Your team&apos;s exports appear here after they and you have synced.</source>
        <translation>每一次把客户导出到文件的记录，最新的在前。团队成员和您都同步之后，他们的导出也会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="63"/>
        <source>No exports yet.</source>
        <translation>还没有导出记录。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/export_log_dialog.py" line="64"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FairnessScreen</name>
    <message>
        <location filename="../../ui/fairness/screen.py" line="29"/>
        <source>far above the mean</source>
        <translation>远高于平均</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="30"/>
        <source>far below the mean</source>
        <translation>远低于平均</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="44"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="45"/>
        <source>Rep</source>
        <translation>销售代表</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="46"/>
        <source>First contact</source>
        <translation>首次接触</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="47"/>
        <source>Claimed</source>
        <translation>公海领取</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="48"/>
        <source>Assigned</source>
        <translation>主管分配</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="49"/>
        <source>Handover in</source>
        <translation>交接接收</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="50"/>
        <source>Arbitration</source>
        <translation>仲裁获得</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="51"/>
        <source>Received</source>
        <translation>获得合计</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="52"/>
        <source>Released</source>
        <translation>主动释放</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="53"/>
        <source>Returned</source>
        <translation>退回公海</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="54"/>
        <source>Handed away</source>
        <translation>转给他人</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="55"/>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="56"/>
        <source>Appeals</source>
        <translation>申诉提出</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="57"/>
        <source>Upheld</source>
        <translation>申诉成立</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="58"/>
        <source>Against the mean</source>
        <translation>与团队平均相比</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="65"/>
        <source>Customers the rep claimed from the public pool</source>
        <extracomment>What each short heading counts (its tooltip).</extracomment>
        <translation>该销售从公海领取的客户</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="66"/>
        <source>Customers handed over to the rep by another rep</source>
        <translation>其他销售交接给该销售的客户</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="67"/>
        <source>Customers given to the rep by the supervisor&apos;s arbitration</source>
        <translation>经主管仲裁归给该销售的客户</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="68"/>
        <source>Customers received by every way together: what the flag compares</source>
        <translation>各种方式获得的客户合计：标记即按此数比较</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="69"/>
        <source>Customers the rep released to the public pool</source>
        <translation>该销售主动释放到公海的客户</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="70"/>
        <source>Customers head office returned to the public pool by its rules (no follow-up, no deal)</source>
        <translation>总部按规则退回公海的客户（未跟进、未成交）</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="73"/>
        <source>The rep&apos;s customers that went to another rep</source>
        <translation>该销售的客户转到了其他销售名下</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="74"/>
        <source>Deals the rep won that month</source>
        <translation>该销售当月赢单的商机</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="75"/>
        <source>Appeals the rep filed that month</source>
        <translation>该销售当月提出的申诉</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="76"/>
        <source>The rep&apos;s appeals the supervisor upheld that month</source>
        <translation>当月经主管裁定成立的该销售申诉</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="120"/>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="121"/>
        <source>Save this report as an Excel workbook, a sheet per month</source>
        <translation>将此报表保存为 Excel 工作簿，每月一个工作表</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="129"/>
        <source>How customers reached each rep and left them, month by month: received by each way, released to the pool, returned to the pool by head office&apos;s rules, handed to another rep, deals won, appeals.</source>
        <translation>逐月查看客户如何到达每位销售、又如何离开：按来源获得的客户、主动释放到公海、按总部规则退回公海、转给其他销售、赢单和申诉。</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="136"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="138"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="179"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="180"/>
        <source>Team mean</source>
        <translation>团队平均</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="185"/>
        <source>Months are counted in {0} time. A rep is flagged when the customers they received in a month are at least 50% above or below the team&apos;s mean and at least 3 away from it.</source>
        <translation>月份按 {0} 时区计算。当月获得的客户数比团队平均高出或低出至少 50%，且相差至少 3 个时，该销售会被标记。</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="190"/>
        <source>No reps on your team yet.</source>
        <translation>您的团队还没有销售代表。</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="199"/>
        <source>fairness-{0}</source>
        <translation>分配公平性-{0}</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="199"/>
        <source>fairness-{0}-to-{1}</source>
        <translation>分配公平性-{0}至{1}</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="200"/>
        <source>Export the fairness report to</source>
        <translation>将分配公平性报表导出到</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="224"/>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="229"/>
        <source>Saved the fairness report for {0} ({1} rows) to {2}.</source>
        <translation>已将 {0} 的分配公平性报表（{1} 行）保存到 {2}。</translation>
    </message>
    <message>
        <location filename="../../ui/fairness/screen.py" line="236"/>
        <source>Not exported: {0}</source>
        <translation>未导出：{0}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="36"/>
        <source>Welcome to FieldCRM</source>
        <translation>欢迎使用 FieldCRM</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="41"/>
        <source>This laptop has no profile yet. Tell FieldCRM who you are; everything stays on this laptop until you connect to your head-office server.</source>
        <translation>这台电脑还没有用户档案。请填写您的信息；在连接总部服务器之前，所有数据只保存在本机。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="47"/>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="51"/>
        <source>Your name, e.g. 张伟</source>
        <translation>您的姓名，如 张伟</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="55"/>
        <source>e.g. 华东一组 (optional)</source>
        <translation>如 华东一组（可不填）</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="56"/>
        <source>Log in to a head-office server instead…</source>
        <translation>改为登录总部服务器…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="58"/>
        <source>Head-office server</source>
        <translation>总部服务器</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="62"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="65"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="67"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="68"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="79"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="75"/>
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="78"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="45"/>
        <source>Hand over {0}</source>
        <extracomment>The longest reason head office keeps. Customers named in the dialog; the rest are counted.</extracomment>
        <translation>交接 {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handovers/dialog.py" line="47"/>
        <source>Hand over %n customer(s)</source>
        <translation>
            <numerusform>交接 %n 个客户</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="50"/>
        <source>The teammate you choose accepts, then your supervisor approves. Only then does each customer move to them, with its contacts, open deals and planned visits; its visit history stays with it. Until then the customer stays yours.</source>
        <translation>由您选择的同事接收，再由主管审批。审批通过后，客户才会连同其联系人、进行中的商机和已计划的拜访一并转给对方；拜访记录随客户保留。在此之前，客户仍归您所有。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handovers/dialog.py" line="59"/>
        <source>{0} and %n more</source>
        <translation>
            <numerusform>{0}，另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="64"/>
        <source>Why they are handed over, e.g. moving to the south China region</source>
        <translation>交接原因，例如：调往华南区</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="69"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="70"/>
        <source>To</source>
        <translation>交给</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="71"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="74"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="75"/>
        <source>Hand over</source>
        <translation>交接</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="96"/>
        <source>There is no teammate these customers can go to.</source>
        <translation>没有可以接收这些客户的同组同事。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handovers/dialog.py" line="116"/>
        <source>%n customer(s) asked to go to {0}; they accept, then your supervisor approves.</source>
        <translation>
            <numerusform>已申请将 %n 个客户交接给 {0}；待对方接收后，由您的主管审批。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="120"/>
        <source>Not handed over: {0}: {1}</source>
        <translation>未交接：{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/dialog.py" line="128"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <location filename="../../ui/handovers/screen.py" line="25"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="26"/>
        <source>From</source>
        <translation>交出人</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="27"/>
        <source>To</source>
        <translation>接收人</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="28"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="29"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="30"/>
        <source>Asked</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="31"/>
        <source>Last step</source>
        <translation>最近一步</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="44"/>
        <source>A customer changes hands only when the receiving rep has accepted and the supervisor of both has approved. Until then it stays with its rep; the receiving rep can look at it but not change it.</source>
        <translation>只有接收人接收、双方的主管审批通过后，客户才会转手。在此之前客户仍归原销售所有；接收人可以查看，但不能修改。</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="55"/>
        <source>Accept</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="56"/>
        <source>Take this customer on; the supervisor approves next</source>
        <translation>接收此客户；之后由主管审批</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="57"/>
        <source>Approve</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="58"/>
        <source>The customer moves to the receiving rep now, with its contacts and deals</source>
        <translation>客户连同其联系人和商机立即转给接收人</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="60"/>
        <source>Why not (needed to decline)</source>
        <translation>拒绝原因（拒绝时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="61"/>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="77"/>
        <source>Other handovers</source>
        <translation>其他交接</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="99"/>
        <source>{0} declined: {1}</source>
        <translation>{0} 已拒绝：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="101"/>
        <source>{0} approved</source>
        <translation>{0} 已审批通过</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="103"/>
        <source>{0} accepted</source>
        <translation>{0} 已接收</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="104"/>
        <source>asked by {0}</source>
        <translation>{0} 发起</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handovers/screen.py" line="112"/>
        <source>Waiting for you (%n)</source>
        <translation>
            <numerusform>待您处理（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="114"/>
        <source>No handovers yet. Hand customers over from their page or the customer list.</source>
        <translation>还没有交接。可在客户页面或客户列表中发起交接。</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="143"/>
        <source>You accepted {0}; the supervisor approves next.</source>
        <translation>您已接收 {0}；接下来由主管审批。</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="144"/>
        <source>Approved: {0} is {1}&apos;s now.</source>
        <translation>已审批通过：{0} 现在归 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/handovers/screen.py" line="145"/>
        <source>Declined: {0} stays with {2}.</source>
        <translation>已拒绝：{0} 仍归 {2}。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="49"/>
        <source>Contact: name</source>
        <translation>联系人：姓名</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="50"/>
        <source>Contact: title</source>
        <translation>联系人：职务</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="51"/>
        <source>Contact: mobile</source>
        <translation>联系人：手机</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="52"/>
        <source>Contact: e-mail</source>
        <translation>联系人：邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="53"/>
        <source>Contact: WeChat</source>
        <translation>联系人：微信</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="56"/>
        <source>Skip rows that match an existing customer</source>
        <translation>跳过与现有客户重复的行</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="57"/>
        <source>Update the matching customer with the file&apos;s values</source>
        <translation>用文件中的值更新匹配的客户</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="58"/>
        <source>Create them anyway as new customers</source>
        <translation>仍作为新客户创建</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="61"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="62"/>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="63"/>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="64"/>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="65"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="67"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.csv);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="104"/>
        <source>Import customers from Excel</source>
        <translation>从 Excel 导入客户</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="121"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="122"/>
        <location filename="../../ui/excel/import_dialog.py" line="276"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="139"/>
        <source>客户名单.xlsx</source>
        <translation>客户名单.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="140"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="141"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="148"/>
        <source>Choose an Excel (.xlsx, .xls) or CSV file with one customer per row. The header row is found even below a title, and columns such as 客户名称, 联系人, 电话 or Company are recognised.</source>
        <translation>请选择每行一个客户的 Excel（.xlsx、.xls）或 CSV 文件。即使表头在标题行下方也能找到，并能识别“客户名称”“联系人”“电话”或 Company 等列。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="153"/>
        <source>Save a blank template…</source>
        <translation>保存空白模板…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="155"/>
        <source>An empty list with the usual columns and drop-down lists for grade, stage and region</source>
        <translation>包含常用列的空白名单，等级、阶段和地区带下拉选项</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="157"/>
        <source>Import history…</source>
        <translation>导入记录…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="158"/>
        <source>Earlier imports; any of them can be undone</source>
        <translation>以前的导入；每一次都可以撤销</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="187"/>
        <source>customer-template.xlsx</source>
        <translation>客户导入模板.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="187"/>
        <source>Save a blank template</source>
        <translation>保存空白模板</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="197"/>
        <source>Saved a blank template to {0}. Fill it in and import it here.</source>
        <translation>空白模板已保存到 {0}。填好后在这里导入。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="209"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="209"/>
        <source>Goes into</source>
        <translation>导入到</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="213"/>
        <source>Remember this mapping for files with these columns</source>
        <translation>对相同列的文件记住此对应关系</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="215"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="217"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="218"/>
        <source>Duplicates</source>
        <translation>重复处理</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="234"/>
        <location filename="../../ui/excel/import_dialog.py" line="236"/>
        <location filename="../../ui/excel/import_dialog.py" line="237"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="234"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="234"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="236"/>
        <location filename="../../ui/excel/import_dialog.py" line="237"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="236"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="237"/>
        <source>What to check</source>
        <translation>需核对</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="239"/>
        <source>Save rows with errors…</source>
        <translation>保存出错的行…</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="240"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="248"/>
        <source>First rows as they will be stored:</source>
        <translation>前几行（按保存后的样子）：</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="250"/>
        <source>Rows that will not be imported:</source>
        <translation>不会导入的行：</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="253"/>
        <source>Rows imported all the same, with something to check:</source>
        <translation>照常导入、但有需核对之处的行：</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="265"/>
        <source>Undo this import</source>
        <translation>撤销本次导入</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="276"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="300"/>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消，未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="304"/>
        <source>Choose a customer list</source>
        <translation>选择客户名单</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="318"/>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="322"/>
        <source>{0}: no such file.</source>
        <translation>{0}：文件不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="341"/>
        <source>Header on row {0}; {1} data rows.</source>
        <translation>表头在第 {0} 行；共 {1} 行数据。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="343"/>
        <source>Using the mapping you saved for these columns.</source>
        <translation>正在使用您为这些列保存的对应关系。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="350"/>
        <source>(no header)</source>
        <translation>（无表头）</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="352"/>
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="391"/>
        <source>{0} new, {1} to update, {2} duplicates, {3} skipped, {4} with errors.</source>
        <translation>新增 {0}，更新 {1}，重复 {2}，跳过 {3}，出错 {4}。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="420"/>
        <source>Row {0} {1} looks like: {2}</source>
        <translation>第 {0} 行 {1} 可能与以下客户重复：{2}</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="425"/>
        <source>Possible duplicates (imported as new; check them afterwards):</source>
        <translation>可能重复（将作为新客户导入，请事后核对）：</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="428"/>
        <source>…and {0} more.</source>
        <translation>……另有 {0} 条。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="434"/>
        <source>Import {0} rows</source>
        <translation>导入 {0} 行</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="438"/>
        <source>rows-with-errors.xlsx</source>
        <translation>出错的行.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="438"/>
        <source>Save rows with errors</source>
        <translation>保存出错的行</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="451"/>
        <source>Saved {0} rows with the reason beside each to {1}.</source>
        <translation>已将 {0} 行（每行附原因）保存到 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/import_dialog.py" line="464"/>
        <source>Imported: {0} new customers, {1} updated. {2} duplicates and {3} rows with errors were left out.</source>
        <translation>已导入：新增客户 {0} 个，更新 {1} 个。{2} 个重复行和 {3} 个出错行未导入。</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="23"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="24"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="25"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="26"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="27"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="28"/>
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="29"/>
        <source>Errors</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="30"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="19"/>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="20"/>
        <source>undone {0}</source>
        <translation>已于 {0} 撤销</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="40"/>
        <source>Undone: {0} records removed, {1} restored to their old values.</source>
        <translation>已撤销：删除 {0} 条记录，{1} 条恢复为原值。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="44"/>
        <source>{0} fields changed since the import were left as they are.</source>
        <translation>导入后又被修改的 {0} 个字段保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="55"/>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="61"/>
        <source>No imports yet.</source>
        <translation>还没有导入记录。</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="63"/>
        <source>Undo selected import</source>
        <translation>撤销所选导入</translation>
    </message>
    <message>
        <location filename="../../ui/excel/history_dialog.py" line="65"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>InboxScreen</name>
    <message>
        <location filename="../../ui/reports/inbox.py" line="36"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="37"/>
        <location filename="../../ui/reports/inbox.py" line="84"/>
        <source>Rep</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="38"/>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="39"/>
        <source>Visits</source>
        <translation>拜访数</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="40"/>
        <source>Times submitted</source>
        <translation>提交次数</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="41"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="53"/>
        <source>All reps</source>
        <translation>全部销售</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="62"/>
        <source>No submitted reports waiting. Reports your reps submit appear here to countersign or return.</source>
        <translation>暂无待审日报。下属提交的日报会出现在这里，供您会签或退回。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="73"/>
        <source>Comment for the rep (to return)</source>
        <translation>给销售的意见（退回时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="74"/>
        <source>Countersign</source>
        <translation>会签</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="76"/>
        <source>Return to rep</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="80"/>
        <source>Export log…</source>
        <translation>导出记录…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="81"/>
        <source>Who in your team exported which customers, and when</source>
        <translation>团队中谁在何时导出了哪些客户</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="86"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="88"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="107"/>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="165"/>
        <source>Select a report on the left to read it.</source>
        <translation>在左侧选择一份日报查看。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="194"/>
        <source>Countersigned {0}&apos;s report of {1}.</source>
        <translation>已会签 {0} 的 {1} 日报。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/inbox.py" line="197"/>
        <source>Returned {0}&apos;s report of {1}.</source>
        <translation>已退回 {0} 的 {1} 日报。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../ui/app_lock.py" line="46"/>
        <source>FieldCRM is locked</source>
        <extracomment>What counts as the user being there.</extracomment>
        <translation>FieldCRM 已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/app_lock.py" line="49"/>
        <source>Locked after a while without use. Type {0}&apos;s password to go on.</source>
        <translation>一段时间未使用，已自动锁定。请输入 {0} 的密码继续。</translation>
    </message>
    <message>
        <location filename="../../ui/app_lock.py" line="50"/>
        <source>Locked after a while without use. Type your password.</source>
        <translation>一段时间未使用，已自动锁定。请输入您的密码。</translation>
    </message>
    <message>
        <location filename="../../ui/app_lock.py" line="53"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/app_lock.py" line="57"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/app_lock.py" line="58"/>
        <source>Quit FieldCRM</source>
        <translation>退出 FieldCRM</translation>
    </message>
    <message>
        <location filename="../../ui/app_lock.py" line="84"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../../ui/app_lock.py" line="102"/>
        <source>That password is not right; try again.</source>
        <translation>密码不正确，请重试。</translation>
    </message>
</context>
<context>
    <name>LogVisitDialog</name>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="41"/>
        <source>Log visit: {0}</source>
        <translation>记录拜访：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="50"/>
        <source>What came out of it (required)</source>
        <translation>拜访结果（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="53"/>
        <source>e.g. send the quotation</source>
        <translation>如：发送报价单</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="54"/>
        <source>Set a date</source>
        <translation>设定日期</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="68"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="70"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="77"/>
        <source>Save visit</source>
        <translation>保存拜访</translation>
    </message>
    <message>
        <location filename="../../ui/visits/log_dialog.py" line="78"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="96"/>
        <source>FieldCRM — {0} ({1})</source>
        <extracomment>If the shown screen never reports a painted first page (a hidden window), start-up work runs after this.</extracomment>
        <translation>FieldCRM — {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>Syncing in the background…</source>
        <translation>正在后台同步…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="264"/>
        <source>Open a customer or select a planned stop to log a visit.</source>
        <translation>请先打开一个客户或选择一个计划拜访，再记录拜访。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>Visit logged.</source>
        <translation>拜访已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>No font with Chinese characters is installed, so names may show as boxes: install one (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk) and start FieldCRM again.</source>
        <translation>未安装含中文字符的字体，名称可能显示为方框：请安装一种中文字体（Debian 或 Ubuntu：sudo apt-get install fonts-noto-cjk），然后重新启动 FieldCRM。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>Offline (sync not configured)</source>
        <translation>离线（未配置同步）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="331"/>
        <source>Offline (log in again to sync)</source>
        <translation>离线（请重新登录以同步）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333"/>
        <source>Offline (server not reachable at last sync)</source>
        <translation>离线（上次同步时无法连接服务器）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="335"/>
        <source>Online: {0}</source>
        <translation>在线：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="337"/>
        <source> · automatic sync off</source>
        <translation> · 自动同步已关闭</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="339"/>
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n 条修改待同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="343"/>
        <source>%n change(s) kept on this computer (not connected to head office)</source>
        <translation>
            <numerusform>%n 条修改保存在本机（未连接总部）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="347"/>
        <source>%n change(s) not accepted by head office (see Sync)</source>
        <translation>
            <numerusform>%n 项修改未被总部接受（见“同步”）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="349"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350"/>
        <source>Last sync: {0}</source>
        <translation>上次同步：{0}</translation>
    </message>
</context>
<context>
    <name>NamesEdit</name>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="50"/>
        <source>Any (names separated by commas or 、)</source>
        <translation>不限（多个名称用逗号或顿号“、”分隔）</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="51"/>
        <source>Pick…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="52"/>
        <source>The values your team&apos;s customers have</source>
        <translation>本团队客户中已有的取值</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="33"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="36"/>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="39"/>
        <source>Main contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="40"/>
        <source>Contact&apos;s mobile</source>
        <translation>联系人手机</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="43"/>
        <source>Possible duplicates — check before saving</source>
        <translation>可能重复的客户 — 保存前请核对</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="46"/>
        <source>This is a different company: create it anyway</source>
        <translation>这是另一家公司，仍然创建</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="53"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="54"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/customers/new_dialog.py" line="104"/>
        <source>A customer like this exists. Check the list above before saving.</source>
        <translation>已存在类似客户。保存前请核对上面的列表。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="21"/>
        <source>Choose a passphrase</source>
        <translation>设置口令</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="21"/>
        <source>Unlock FieldCRM</source>
        <translation>解锁 FieldCRM</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="24"/>
        <source>FieldCRM keeps your customers encrypted on this computer, and this computer has no keyring to keep the key in. Choose a passphrase of at least {0} characters: you will type it whenever FieldCRM starts. Without it nobody, you included, can read the data that has not reached head office.</source>
        <translation>FieldCRM 在本机加密保存您的客户资料，而本机没有可保存密钥的钥匙串。请设置一个至少 {0} 个字符的口令：每次启动 FieldCRM 时都需要输入。没有它，任何人（包括您自己）都无法读取尚未同步到总部的数据。</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="29"/>
        <source>Type the passphrase that unlocks your FieldCRM data ({0}).</source>
        <translation>请输入解锁 FieldCRM 数据的口令（{0}）。</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="36"/>
        <source>That passphrase does not unlock the data; try again.</source>
        <translation>该口令无法解锁数据，请重试。</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="38"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="40"/>
        <source>Once more</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="56"/>
        <source>The passphrase needs at least {0} characters.</source>
        <translation>口令至少需要 {0} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="58"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="60"/>
        <source>Type the passphrase, or Cancel to close FieldCRM.</source>
        <translation>请输入口令，或点击“取消”关闭 FieldCRM。</translation>
    </message>
</context>
<context>
    <name>PlainHttpChoice</name>
    <message>
        <location filename="../../ui/sync/plain_http.py" line="18"/>
        <source>Connect without encryption anyway (a network I trust)</source>
        <translation>仍然不加密连接（我信任这个网络）</translation>
    </message>
</context>
<context>
    <name>PlanScreen</name>
    <message>
        <location filename="../../ui/plans/screen.py" line="34"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="35"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="49"/>
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="50"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="51"/>
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="66"/>
        <source>Pick a day, find a customer below and click “Add stop” to plan a visit.</source>
        <translation>选择一天，在下方找到客户，点击“添加拜访”来安排行程。</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="71"/>
        <source>Purpose of the visit</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="72"/>
        <source>Add stop</source>
        <translation>添加拜访</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="73"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="74"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="77"/>
        <source>Move to day</source>
        <translation>改到日期</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="78"/>
        <source>Cancel stop</source>
        <translation>取消拜访</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="140"/>
        <source>MMM d, yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="141"/>
        <source>MMM d</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="142"/>
        <source>{0} – {1}</source>
        <translation>{0} 至 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="144"/>
        <source> (this week)</source>
        <translation>（本周）</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="168"/>
        <source>Find and pick a customer first.</source>
        <translation>请先查找并选择客户。</translation>
    </message>
    <message>
        <location filename="../../ui/plans/screen.py" line="176"/>
        <location filename="../../ui/plans/screen.py" line="183"/>
        <location filename="../../ui/plans/screen.py" line="190"/>
        <source>Select a stop first.</source>
        <translation>请先选择一个拜访。</translation>
    </message>
</context>
<context>
    <name>PoolDialog</name>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="102"/>
        <source>Edit pool</source>
        <translation>编辑公海池</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="102"/>
        <source>New pool</source>
        <translation>新建公海池</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="108"/>
        <source>e.g. 华南公海</source>
        <translation>例如：华南公海</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="114"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="115"/>
        <source>Regions</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="116"/>
        <source>Industries</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="119"/>
        <source>A customer is in the first pool whose regions and industries it matches (a list left empty: any).</source>
        <translation>客户归入其地区和行业都符合的第一个公海池（留空的列表表示不限）。</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="124"/>
        <source>Rules this pool sets differently (unticked: the team&apos;s)</source>
        <translation>本公海池单独设置的规则（未勾选：沿用团队规则）</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="131"/>
        <source>Own value</source>
        <translation>单独设置</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_dialog.py" line="134"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>PoolListEditor</name>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="23"/>
        <source>Pool</source>
        <translation>公海池</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="24"/>
        <source>Regions</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="25"/>
        <source>Industries</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="26"/>
        <source>Sets differently</source>
        <translation>单独设置的规则</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="47"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="48"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="49"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="50"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="51"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="52"/>
        <source>A customer is in the first pool that matches it</source>
        <translation>客户归入第一个符合条件的公海池</translation>
    </message>
    <message>
        <location filename="../../ui/pool/pool_list.py" line="88"/>
        <source>Every other customer, under the team&apos;s rules</source>
        <translation>其余所有客户，按团队规则</translation>
    </message>
</context>
<context>
    <name>PoolScreen</name>
    <message>
        <location filename="../../ui/pool/screen.py" line="23"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="24"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="25"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="26"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="27"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="28"/>
        <source>Pool</source>
        <translation>公海池</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="37"/>
        <source>Search the pool by name, region…</source>
        <translation>按名称、区域等搜索公海…</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="40"/>
        <source>Show all of the pool, or one of your team&apos;s pools</source>
        <translation>显示全部公海，或团队的某一个公海池</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="41"/>
        <source>All pools</source>
        <translation>全部公海池</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="47"/>
        <source>Claim</source>
        <translation>领取</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="48"/>
        <source>Make the selected customer yours, protected for you from today</source>
        <translation>领取所选客户，自今日起为您保护</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="53"/>
        <source>Customers nobody holds. Claim one to work it: it counts against your holding cap and today&apos;s claims; customers you let go back cannot be claimed again for a while.</source>
        <translation>无人跟进的客户。领取后即可跟进：计入您的持有上限和今日领取数；您放回或被收回的客户，一段时间内不能再次领取。</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="61"/>
        <source>Team rules…</source>
        <translation>团队规则…</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="62"/>
        <source>Your team&apos;s protection and pool settings (set by its supervisor)</source>
        <translation>本团队的保护期与公海设置（由主管设定）</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="99"/>
        <source>All pools ({0})</source>
        <translation>全部公海池（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="101"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="114"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="114"/>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="118"/>
        <source>Your team&apos;s rules: protection {0} days; {1} claims a day; at most {2} customers held; back to the pool without a visit: {3}, without a won deal: {4}.</source>
        <translation>本团队规则：保护期 {0} 天；每天可领取 {1} 个；最多持有 {2} 个客户；未跟进退回公海：{3}，未成交退回公海：{4}。</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="143"/>
        <source>No pool customer matches your search.</source>
        <translation>没有符合搜索条件的公海客户。</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="146"/>
        <source>The public pool is empty. Customers come here when their owners release them or head office returns them.</source>
        <translation>公海暂无客户。负责人放回或总部按规则收回的客户会出现在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="169"/>
        <source>{0} is yours now, protected until {1}.</source>
        <translation>{0} 已归您跟进，保护至 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/pool/screen.py" line="174"/>
        <source>Not claimed: {0}</source>
        <translation>未能领取：{0}</translation>
    </message>
</context>
<context>
    <name>ProgressRow</name>
    <message>
        <location filename="../../ui/excel/progress_row.py" line="14"/>
        <source>Reading the file</source>
        <translation>正在读取文件</translation>
    </message>
    <message>
        <location filename="../../ui/excel/progress_row.py" line="15"/>
        <source>Checking rows</source>
        <translation>正在检查各行</translation>
    </message>
    <message>
        <location filename="../../ui/excel/progress_row.py" line="16"/>
        <source>Looking for duplicates</source>
        <translation>正在查找重复</translation>
    </message>
    <message>
        <location filename="../../ui/excel/progress_row.py" line="17"/>
        <source>Writing</source>
        <translation>正在写入</translation>
    </message>
    <message>
        <location filename="../../ui/excel/progress_row.py" line="29"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/excel/progress_row.py" line="72"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <location filename="../../ui/pool/release_dialog.py" line="20"/>
        <source>Release to the public pool</source>
        <translation>放回公海</translation>
    </message>
    <message>
        <location filename="../../ui/pool/release_dialog.py" line="23"/>
        <source>{0} goes back to the public pool: it is no longer yours, its protection and next follow-up are cleared, and you cannot claim it again for a while. Its file, contacts and visits stay.</source>
        <translation>{0} 将放回公海：不再归您跟进，保护期和下次跟进日期将被清除，且一段时间内您不能再次领取。客户档案、联系人和拜访记录保留。</translation>
    </message>
    <message>
        <location filename="../../ui/pool/release_dialog.py" line="28"/>
        <source>Why it goes back (required)</source>
        <translation>放回原因（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/pool/release_dialog.py" line="32"/>
        <source>Release</source>
        <translation>放回</translation>
    </message>
</context>
<context>
    <name>ReportScreen</name>
    <message>
        <location filename="../../ui/reports/screen.py" line="43"/>
        <source>Summary of the day: what went well, what needs help, tomorrow&apos;s plan</source>
        <translation>今日总结：进展、需要的支持、明日计划</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="44"/>
        <source>Rebuild from visits</source>
        <translation>按拜访重新生成</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="45"/>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="46"/>
        <location filename="../../ui/reports/screen.py" line="103"/>
        <source>Submit report</source>
        <translation>提交日报</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="50"/>
        <source>No visits logged on this day. Log visits from Today or a customer&apos;s page; they appear here.</source>
        <translation>这一天没有拜访记录。在“今日”或客户页面记录拜访后，会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="55"/>
        <source>Report for</source>
        <translation>日报日期</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="69"/>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="103"/>
        <source>Resubmit report</source>
        <translation>重新提交日报</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="114"/>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="120"/>
        <source>Submitted to your supervisor.</source>
        <translation>已提交给主管。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="42"/>
        <source>Every 5 minutes and after changes (recommended)</source>
        <translation>每 5 分钟及修改后（推荐）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="43"/>
        <source>Every 15 minutes and after changes</source>
        <translation>每 15 分钟及修改后</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="44"/>
        <source>Every hour and after changes</source>
        <translation>每小时及修改后</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="45"/>
        <source>Off: only when I press “Sync now”</source>
        <translation>关闭：仅在我点击“立即同步”时</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="53"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="57"/>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="68"/>
        <source>Every {0} minutes and after changes</source>
        <translation>每 {0} 分钟及修改后</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="72"/>
        <source> daily backups</source>
        <translation> 份每日备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="75"/>
        <source> minutes without use</source>
        <translation> 分钟未使用后</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="76"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="84"/>
        <source>Head office locks FieldCRM after at most {0} minutes without use.</source>
        <translation>总部规定：无操作最多 {0} 分钟后锁定 FieldCRM。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="87"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="88"/>
        <source>Restore…</source>
        <translation>还原…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="89"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="97"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="98"/>
        <source>Working as</source>
        <translation>当前用户</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="99"/>
        <source>Sync automatically</source>
        <translation>自动同步</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="100"/>
        <source>Lock after</source>
        <translation>自动锁定</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="102"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="103"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="124"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="131"/>
        <source>Backed up {0} customers and {1} visits to {2}.</source>
        <translation>已备份 {0} 个客户和 {1} 条拜访记录到 {2}。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="140"/>
        <location filename="../../ui/settings_dialog.py" line="157"/>
        <source>Restore a backup</source>
        <translation>还原备份</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="142"/>
        <source>FieldCRM backups (*.sqlite3)</source>
        <translation>FieldCRM 备份 (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="153"/>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="159"/>
        <source>Restore the backup of {0} from {1} ({2} customers, {3} visits)? What is on this laptop now is kept as a backup first; changes made since that backup and not yet synced are then only in that copy.</source>
        <translation>要还原 {0} 于 {1} 的备份（{2} 个客户，{3} 条拜访记录）吗？本机当前的数据会先另存为备份；在该备份之后所做且尚未同步的修改，届时只保存在那份副本中。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="172"/>
        <source>Restoring…</source>
        <translation>正在还原…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="178"/>
        <source>Restored {0}. The previous data is kept as {1}.</source>
        <translation>已还原 {0}。原来的数据另存为 {1}。</translation>
    </message>
</context>
<context>
    <name>SyncOutcome</name>
    <message>
        <location filename="../../ui/sync/outcome.py" line="12"/>
        <source>Synced: {0} sent, {1} received, {2} conflicts.</source>
        <translation>已同步：上传 {0} 条，下载 {1} 条，冲突 {2} 条。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/outcome.py" line="16"/>
        <source>%n change(s) not accepted by head office: they stay on this laptop, marked.</source>
        <translation>
            <numerusform>%n 项修改未被总部接受：它们已标记并保留在本机。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync/panel.py" line="37"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="38"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="39"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="40"/>
        <source>Theirs (server)</source>
        <translation>服务器的</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="41"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="42"/>
        <source>Since</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="68"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="69"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="70"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="83"/>
        <source>No conflicts. Changes made on two devices to the same field show here.</source>
        <translation>没有冲突。两台设备修改同一字段时，会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="85"/>
        <source>Or type the value to keep</source>
        <translation>或输入要保留的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="86"/>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="87"/>
        <source>Keep theirs</source>
        <translation>采用服务器的</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="88"/>
        <source>Keep edited value</source>
        <translation>保留编辑后的值</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="94"/>
        <source>Head-office server</source>
        <translation>总部服务器</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="97"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="99"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="100"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="102"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="114"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="155"/>
        <source>Logged out of {0}: log in again to sync.</source>
        <translation>已从 {0} 退出：请重新登录后同步。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="157"/>
        <source>Connected to {0} as {1}</source>
        <translation>已以 {1} 身份连接 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="255"/>
        <source>Offline: will sync when the server can be reached.</source>
        <translation>离线：可连接服务器后将自动同步。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="257"/>
        <source>Sync cancelled.</source>
        <translation>同步已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="153"/>
        <source>Sync not configured: your changes are kept safely on this laptop.</source>
        <translation>未配置同步：您的修改安全地保存在本机。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/panel.py" line="161"/>
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 条修改待发送</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync/panel.py" line="165"/>
        <source>%n change(s) not accepted by head office. They stay on this laptop, marked, with the reason below: edit the record to send it again, or select it and keep mine (send again) or theirs (discard).</source>
        <translation>
            <numerusform>%n 项修改未被总部接受。它们已标记并保留在本机，原因见下方：修改该记录即可重新发送，或选中后点击“保留我的”（重新发送）或“采用服务器的”（放弃）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="172"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="173"/>
        <source>Last sync: {0}</source>
        <translation>上次同步：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="174"/>
        <source>Last result: {0}</source>
        <translation>上次结果：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="194"/>
        <source>Logged in as {0}.</source>
        <translation>已登录：{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="219"/>
        <source>Syncing in the background…</source>
        <translation>正在后台同步…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="241"/>
        <source>Cancelling after the current batch…</source>
        <translation>当前批次完成后取消…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="269"/>
        <source>Select a conflict first.</source>
        <translation>请先选择一个冲突。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/panel.py" line="280"/>
        <source>Conflict resolved.</source>
        <translation>冲突已解决。</translation>
    </message>
</context>
<context>
    <name>TeamRulesDialog</name>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="18"/>
        <source>Protection from first contact</source>
        <extracomment>The settings the dialog shows, in order: (key, label, unit).</extracomment>
        <translation>首次接触起的保护期</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="19"/>
        <source>Each visit protects for</source>
        <translation>每次拜访延长保护</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="20"/>
        <source>A won deal protects for</source>
        <translation>成交后保护</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="21"/>
        <source>Claims from the pool per day</source>
        <translation>每天可从公海领取</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="22"/>
        <source>Customers a rep may hold</source>
        <translation>每位销售最多持有</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="25"/>
        <source>Back to the pool without a visit after</source>
        <translation>未跟进多久退回公海</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="30"/>
        <source>Back to the pool without a won deal after</source>
        <translation>未成交多久退回公海</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="33"/>
        <source>Remind the owner before a return</source>
        <translation>退回前提前提醒</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="34"/>
        <source>A rep who let it go may not claim it again for</source>
        <translation>退回后原负责人不能再领取</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="37"/>
        <source>Back to the pool when protection ends</source>
        <translation>保护期结束即退回公海</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="38"/>
        <source>Won customers never go back on their own</source>
        <translation>已成交客户不自动退回</translation>
    </message>
    <message>
        <location filename="../../ui/pool/team_rules_dialog.py" line="33"/>
        <source>Your team&apos;s rules</source>
        <translation>本团队规则</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="47"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="44"/>
        <source>days</source>
        <extracomment>Each setting&apos;s label, for a pool&apos;s overrides.</extracomment>
        <translation>天</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="45"/>
        <source>customers</source>
        <translation>个客户</translation>
    </message>
    <message>
        <location filename="../../ui/pool/team_rules_dialog.py" line="49"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../ui/pool/team_rules_dialog.py" line="52"/>
        <source>Pools (a customer is in the first that matches it)</source>
        <translation>公海池（客户归入第一个符合条件的公海池）</translation>
    </message>
    <message>
        <location filename="../../ui/pool/team_rules_dialog.py" line="59"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/pool/team_rules_dialog.py" line="88"/>
        <source>Team {0}: what you set here applies to every rep of the team.</source>
        <translation>团队 {0}：此处的设置适用于本团队每位销售。</translation>
    </message>
    <message>
        <location filename="../../ui/pool/team_rules_dialog.py" line="91"/>
        <source>Team {0}: set by your supervisor (read only).</source>
        <translation>团队 {0}：由主管设定（只读）。</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="48"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/pool/rule_fields.py" line="48"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../../ui/today/screen.py" line="37"/>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="38"/>
        <location filename="../../ui/today/screen.py" line="48"/>
        <location filename="../../ui/today/screen.py" line="54"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="39"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="40"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="41"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="47"/>
        <source>Goes back on</source>
        <translation>退回日期</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="49"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="53"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="55"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="56"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="57"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="89"/>
        <source>Log the selected stop&apos;s visit (Ctrl+L)</source>
        <translation>记录所选拜访（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="92"/>
        <location filename="../../ui/today/screen.py" line="93"/>
        <location filename="../../ui/today/screen.py" line="103"/>
        <source>Log visit</source>
        <translation>记录拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="95"/>
        <source>No stops planned for today. Open Plans to plan your visits, or log a visit from a customer.</source>
        <translation>今天没有计划拜访。打开“计划”安排拜访，或从客户页面记录拜访。</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="98"/>
        <source>Plan visits</source>
        <translation>安排拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="100"/>
        <source>No follow-ups due. Set a follow-up date when you log a visit.</source>
        <translation>没有到期的跟进。记录拜访时可以设置跟进日期。</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="104"/>
        <source>Next stop</source>
        <translation>下一站</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="107"/>
        <source>Open report</source>
        <translation>打开日报</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="108"/>
        <source>Daily report</source>
        <translation>销售日报</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="112"/>
        <source>Open Sync</source>
        <translation>打开同步</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="113"/>
        <source>Since the last sync</source>
        <translation>上次同步以来</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="119"/>
        <source>Planned stops</source>
        <translation>计划拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="130"/>
        <source>Going back to the public pool</source>
        <translation>即将退回公海</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="135"/>
        <source>Follow-ups due</source>
        <translation>待跟进</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="217"/>
        <source>Stop {0} of {1}</source>
        <translation>第 {0} 站，共 {1} 站</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="222"/>
        <source>All stops done</source>
        <translation>今日拜访已全部完成</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/screen.py" line="223"/>
        <source>%n stop(s) visited today</source>
        <translation>
            <numerusform>今日已拜访 %n 站</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="225"/>
        <source>Nothing planned</source>
        <translation>今日未计划拜访</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="226"/>
        <source>Plan today&apos;s stops on the Plans screen.</source>
        <translation>请在“计划”页面安排今天的拜访。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/screen.py" line="231"/>
        <source>%n customer(s) to follow up</source>
        <translation>
            <numerusform>%n 位客户待跟进</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/screen.py" line="232"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 位已逾期</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="232"/>
        <source>None overdue</source>
        <translation>无逾期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/screen.py" line="241"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>共 %n 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/screen.py" line="244"/>
        <source>The first goes back in %n day(s): a visit keeps it</source>
        <translation>
            <numerusform>最早的一个 %n 天后退回：拜访一次即可保留</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="255"/>
        <source>Returned: {0}</source>
        <translation>已退回：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="257"/>
        <source>Submitted {0}; waiting for your supervisor</source>
        <translation>{0} 已提交，等待主管会签</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="259"/>
        <source>Countersigned {0}</source>
        <translation>{0} 已会签</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="261"/>
        <source>Draft saved, not submitted yet</source>
        <translation>草稿已保存，尚未提交</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/screen.py" line="263"/>
        <source>%n visit(s) to report</source>
        <translation>
            <numerusform>%n 次拜访待写入日报</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/screen.py" line="272"/>
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n 条修改</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="274"/>
        <source>Not connected: kept on this computer</source>
        <translation>未连接总部：保存在本机</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="276"/>
        <source>Waiting to sync · last sync {0}</source>
        <translation>等待同步 · 上次同步：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="277"/>
        <location filename="../../ui/today/screen.py" line="281"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="280"/>
        <source>All sent · last sync {0}</source>
        <translation>已全部发送 · 上次同步：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/today/screen.py" line="183"/>
        <source>{0} · {1} of {2} stops done</source>
        <translation>{0} · 已完成 {1}/{2} 个拜访</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/today/screen.py" line="185"/>
        <source>%n visit(s) logged today</source>
        <translation>
            <numerusform>今日记录 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../app.py" line="295"/>
        <source>FieldCRM stays closed: your data cannot be read without its passphrase.</source>
        <translation>FieldCRM 未启动：没有口令无法读取您的数据。</translation>
    </message>
</context>
<context>
    <name>chips</name>
    <message>
        <location filename="../../ui/common/chips.py" line="23"/>
        <source>Overdue</source>
        <extracomment>Every status a chip shows and its tone: the rows&apos; statuses, and the follow-up and protection states. Names of the chip states that are no row status (those read as `fields.status_name`).</extracomment>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/common/chips.py" line="24"/>
        <source>Lapsing</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../ui/common/chips.py" line="25"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../../ui/fields.py" line="12"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="13"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="14"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="15"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="16"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="17"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="18"/>
        <source>Size</source>
        <translation>规模</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="19"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="20"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="21"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="22"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="23"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="24"/>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="25"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="26"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="27"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="28"/>
        <source>Follow-up date</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="29"/>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="30"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="31"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="32"/>
        <location filename="../../ui/fields.py" line="48"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="33"/>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="34"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="35"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="36"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="37"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="38"/>
        <source>Protected until</source>
        <translation>保护期至</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="39"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="40"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="41"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="45"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="46"/>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="47"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="52"/>
        <source>First contact</source>
        <translation>首次接触</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="53"/>
        <source>Claimed from the public pool</source>
        <translation>从公海领取</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="54"/>
        <source>Released to the public pool</source>
        <translation>退回公海</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="55"/>
        <location filename="../../ui/fields.py" line="82"/>
        <source>Returned to the public pool</source>
        <translation>自动回收至公海</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="56"/>
        <source>Assigned</source>
        <translation>主管分配</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="57"/>
        <location filename="../../ui/fields.py" line="84"/>
        <source>Handed over</source>
        <translation>交接</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="58"/>
        <source>Decided by arbitration</source>
        <translation>申诉裁决</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="59"/>
        <source>Claim lost: another rep&apos;s claim reached head office first</source>
        <translation>认领未成功：其他销售的认领先到达总部</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="64"/>
        <source>first contact owns the customer</source>
        <extracomment>The rules an ownership change may name (`domain.pool.ReturnRule` and the first-contact rule).</extracomment>
        <translation>首次接触者负责</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="65"/>
        <location filename="../../ui/fields.py" line="73"/>
        <source>no follow-up in time</source>
        <extracomment>Why a held customer will go back to the pool (`domain.pool.ReturnRule`), said of what is to come.</extracomment>
        <translation>未按时跟进</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="66"/>
        <location filename="../../ui/fields.py" line="74"/>
        <source>no deal in time</source>
        <translation>未按时成交</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="67"/>
        <source>protection ended without a deal</source>
        <translation>保护期结束未成交</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="68"/>
        <source>an appeal upheld by the supervisor</source>
        <translation>主管裁定申诉成立</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="75"/>
        <source>protection ends without a deal</source>
        <translation>保护期结束仍未成交</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="80"/>
        <source>Another rep&apos;s claim came first</source>
        <extracomment>How a rep lost a customer (`domain.appeals.LOST_SENTENCES`), as an appeal names it.</extracomment>
        <translation>其他销售先认领</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="81"/>
        <source>Another rep registered it first</source>
        <translation>其他销售先登记</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="83"/>
        <source>Assigned away</source>
        <translation>被分给他人</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="88"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="89"/>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="90"/>
        <source>Countersigned</source>
        <translation>已会签</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="91"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="92"/>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="93"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="94"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="96"/>
        <source>Requested</source>
        <translation>待接收</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="97"/>
        <source>Accepted</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="98"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="99"/>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="100"/>
        <source>Open</source>
        <translation>待裁决</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="101"/>
        <source>Upheld</source>
        <translation>成立</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="102"/>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="106"/>
        <source>Sales rep</source>
        <translation>销售代表</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="107"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="108"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="112"/>
        <source>same credit code</source>
        <translation>信用代码相同</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="113"/>
        <source>same company name</source>
        <translation>公司名称相同</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="114"/>
        <source>same phone</source>
        <translation>电话相同</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="115"/>
        <source>similar name</source>
        <translation>名称相似</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="157"/>
        <source>no owner</source>
        <translation>无负责人</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="159"/>
        <source>{name} ({reason}; owner: {owner})</source>
        <translation>{name}（{reason}；负责人：{owner}）</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="170"/>
        <source>Possible duplicate of an existing customer:</source>
        <translation>可能与已有客户重复：</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../ui/ops/base.py" line="66"/>
        <source>Unexpected error (this is a bug, details are in the log): {0}</source>
        <translation>意外错误（程序缺陷，详情见日志）：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/ops/base.py" line="75"/>
        <source>FieldCRM</source>
        <translation>FieldCRM</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <location filename="../../ui/reasons.py" line="23"/>
        <source>is required and was left empty</source>
        <translation>为必填项，但未填写</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="24"/>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="25"/>
        <source>is {0} characters long; at most {1} are allowed</source>
        <translation>长度为 {0} 个字符；最多允许 {1} 个</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="26"/>
        <source>&apos;{0}&apos; is not a phone number (it has {1} digits)</source>
        <translation>“{0}”不是电话号码（只有 {1} 位数字）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="27"/>
        <source>&apos;{0}&apos; is not a phone number</source>
        <translation>“{0}”不是电话号码</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="28"/>
        <source>&apos;{0}&apos; was shortened by Excel to scientific notation and its last digits are lost; type the number again as text</source>
        <translation>“{0}”被 Excel 转成了科学计数法，末尾几位数字已丢失；请以文本格式重新输入该号码</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="33"/>
        <source>&apos;{0}&apos; is not a grade; use one of {1}</source>
        <translation>“{0}”不是客户等级；请使用 {1} 之一</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="34"/>
        <source>&apos;{0}&apos; is not a lifecycle stage; use one of {1}</source>
        <translation>“{0}”不是客户阶段；请使用 {1} 之一</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="35"/>
        <source>&apos;{0}&apos; is not a valid unified social credit code (18 characters with a matching check digit)</source>
        <translation>“{0}”不是有效的统一社会信用代码（应为 18 位且校验位正确）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="39"/>
        <source>&apos;{0}&apos; is not an e-mail address</source>
        <translation>“{0}”不是邮箱地址</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="40"/>
        <source>&apos;{0}&apos; is not a date; write it as YYYY-MM-DD</source>
        <translation>“{0}”不是日期；请写成 YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="41"/>
        <source>&apos;{0}&apos; is not a date that exists</source>
        <translation>“{0}”不是存在的日期</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="42"/>
        <source>&apos;{0}&apos; is not a kind of contact; use one of {1}</source>
        <translation>“{0}”不是联系方式类型；请使用 {1} 之一</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="43"/>
        <source>&apos;{0}&apos; is not a role; use one of {1}</source>
        <translation>“{0}”不是角色；请使用 {1} 之一</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="44"/>
        <source>are too long; at most 500 characters in all</source>
        <translation>太长；总共最多 500 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="45"/>
        <source>is not a customer field</source>
        <translation>不是客户字段</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="46"/>
        <source>is not a contact field</source>
        <translation>不是联系人字段</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="47"/>
        <source>cannot be changed once set; it identifies the company</source>
        <translation>一经填写不能修改；它是企业的唯一标识</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="48"/>
        <source>must be at least 8 characters</source>
        <translation>至少需要 8 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="49"/>
        <source>is required, e.g. https://crm.example.com</source>
        <translation>为必填项，例如 https://crm.example.com</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="51"/>
        <source>the team&apos;s settings must be a JSON object</source>
        <translation>团队设置必须是一个 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="52"/>
        <source>is not a team setting</source>
        <translation>不是团队设置项</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="53"/>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="54"/>
        <source>must map rep ids to whole numbers from 0 to {0}</source>
        <translation>必须是销售 ID 对应 0 到 {0} 之间整数的映射</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="55"/>
        <source>must be a whole number from {0} to {1}, or off</source>
        <translation>必须是 {0} 到 {1} 之间的整数，或关闭</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="56"/>
        <source>must be a whole number from {0} to {1}</source>
        <translation>必须是 {0} 到 {1} 之间的整数</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="57"/>
        <source>&apos;{0}&apos; is not a time zone</source>
        <translation>“{0}”不是有效的时区</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="58"/>
        <source>only the team&apos;s supervisor or an admin may change the team&apos;s settings</source>
        <translation>只有本团队主管或管理员可以修改团队设置</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="59"/>
        <source>a team&apos;s settings row is the one of its team and cannot be moved to another</source>
        <translation>团队设置属于该团队，不能移到其他团队</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="60"/>
        <source>must be a list of at most {0} pools, each an object with a name</source>
        <translation>应为最多 {0} 个公海池的列表，每个都要有名称</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="61"/>
        <source>each pool needs a name of its own (not empty, not repeated, not the default pool&apos;s {0})</source>
        <translation>每个公海池需要自己的名称（不能为空、不能重复，也不能是默认公海的名称“{0}”）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="64"/>
        <source>pool {0}: give its regions and/or industries, each a list of names that are not empty</source>
        <translation>公海池 {0}：请填写其地区和/或行业，每项为非空名称的列表</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="67"/>
        <source>pool {0}: &apos;{1}&apos; is not a pool&apos;s setting (name, regions, industries, rules)</source>
        <translation>公海池 {0}：“{1}”不是公海池的设置项（name、regions、industries、rules）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="68"/>
        <source>pool {0}: &apos;{1}&apos; is not a rule a pool may set</source>
        <translation>公海池 {0}：“{1}”不是公海池可以单独设置的规则</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="69"/>
        <source>cannot read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="70"/>
        <source>you are in no team; a team&apos;s settings are set by its supervisor</source>
        <translation>您不属于任何团队；团队设置由其主管设定</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="71"/>
        <source>write each setting as key=value</source>
        <translation>每项设置请写成 键=值</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="73"/>
        <source>this customer belongs to another rep; ask your supervisor to reassign it</source>
        <translation>该客户属于其他销售；如需接手请让主管重新分配</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="74"/>
        <source>is before the start of the visit</source>
        <translation>早于拜访开始时间</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="75"/>
        <source>cannot be edited on a visit</source>
        <translation>拜访记录中不能修改此项</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="76"/>
        <source>only the rep who logged a visit can correct it</source>
        <translation>只有记录该拜访的销售可以修改</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="77"/>
        <source>belongs to another customer</source>
        <translation>属于另一个客户</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="78"/>
        <source>this planned stop was cancelled</source>
        <translation>该计划拜访已取消</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="79"/>
        <source>must list every stop of the day exactly once</source>
        <translation>必须列出当天每个拜访点且各一次</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="80"/>
        <source>this stop is {0} and can no longer be moved</source>
        <translation>该拜访点状态为 {0}，不能再移动</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="81"/>
        <source>this stop is already done; a logged visit cannot be cancelled</source>
        <translation>该拜访点已完成；已记录的拜访不能取消</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="82"/>
        <source>&apos;{0}&apos; is not an amount of money</source>
        <translation>“{0}”不是金额</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="83"/>
        <source>cannot be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="84"/>
        <source>&apos;{0}&apos; is not an open stage; use one of {1}</source>
        <translation>“{0}”不是进行中的阶段；请使用 {1} 之一</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="85"/>
        <source>&apos;{0}&apos; is not a stage; use one of {1}</source>
        <translation>“{0}”不是商机阶段；请使用 {1} 之一</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="86"/>
        <source>the opportunity is already at {0}</source>
        <translation>该商机已处于 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="87"/>
        <source>is required when an opportunity is lost</source>
        <translation>输单时为必填项</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="89"/>
        <source>say why the customer is handed over</source>
        <translation>请填写交接原因</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="90"/>
        <source>say why the handover is declined</source>
        <translation>请填写拒绝交接的原因</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="91"/>
        <source>only the rep who holds a customer, or their supervisor, can hand it over</source>
        <translation>只有客户的负责销售或其主管可以发起交接</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="92"/>
        <source>only a customer a rep holds can be handed over; assign pool customers instead</source>
        <translation>只能交接有负责销售的客户；公海客户请改用分配</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="93"/>
        <source>a customer cannot be handed over to the rep who holds it</source>
        <translation>不能把客户交接给其当前负责人</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="94"/>
        <source>a customer can be handed over only to a rep of the same team</source>
        <translation>客户只能交接给同组的销售</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="95"/>
        <source>only the rep receiving the customer can accept the handover</source>
        <translation>只有接收客户的销售可以接收此交接</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="96"/>
        <source>only the supervisor of both reps can approve the handover</source>
        <translation>只有双方销售共同的主管可以审批此交接</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="97"/>
        <source>only the receiving rep or the supervisor can decline the handover</source>
        <translation>只有接收人或主管可以拒绝此交接</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="98"/>
        <source>this handover waits for the receiving rep to accept it; it can be approved after that</source>
        <translation>此交接尚待接收人接受，接受后才能批准</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="101"/>
        <source>this handover was already accepted; it waits for the supervisor&apos;s approval</source>
        <translation>此交接已被接受，正等待主管批准</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="102"/>
        <source>this handover was already approved; the customer has moved</source>
        <translation>此交接已批准，客户已转移</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="103"/>
        <source>this handover was declined; ask for a new one if the customer should still move</source>
        <translation>此交接已被拒绝；如仍需转移客户，请重新发起交接</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="104"/>
        <source>a handover starts as requested; accept, approve and decline are its steps</source>
        <translation>交接必须以“待接收”状态发起；接收、审批和拒绝是它的后续步骤</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="105"/>
        <source>a handover changes only through accept, approve or decline</source>
        <translation>交接只能通过接收、审批或拒绝来改变</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="106"/>
        <source>what a handover is about (customer, reps, reason) is fixed once it is asked for</source>
        <translation>交接一经发起，其客户、双方销售和原因都不能再改</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="107"/>
        <source>a handover is never deleted; decline it instead</source>
        <translation>交接不能删除；请改为拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="108"/>
        <source>this customer is already being handed over</source>
        <translation>此客户已在交接中</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="109"/>
        <source>the customer changed hands since the handover was asked for; decline it instead</source>
        <translation>发起交接后客户的归属已发生变化；请拒绝此交接</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="110"/>
        <source>a {0} step sets only its own fields and leads to {1}</source>
        <translation>{0} 步骤只能修改它自己的字段，并且只能进入 {1} 状态</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="112"/>
        <source>&apos;{0}&apos; is not a month; write it as YYYY-MM, e.g. 2026-11</source>
        <translation>“{0}”不是有效的月份；请写成 YYYY-MM，例如 2026-11</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="113"/>
        <source>the range of months ends before it starts</source>
        <translation>月份范围的结束早于开始</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="114"/>
        <source>a fairness report covers at most 24 months at once; choose a shorter range</source>
        <translation>分配公平性报表一次最多涵盖 24 个月；请选择更短的范围</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="115"/>
        <source>a fairness report you export may hold only your own side&apos;s reps</source>
        <translation>您导出的分配公平性报表只能包含您所管辖的销售代表</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="116"/>
        <source>give one month, or a range of months from/to, not both</source>
        <translation>请给出一个月份，或一个起止月份范围，不能同时给出</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="118"/>
        <source>only a supervisor or an admin can assign customers</source>
        <translation>只有主管或管理员可以分配客户</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="119"/>
        <source>there is no rep on your team to assign customers to</source>
        <translation>您的团队中没有可以分配客户的销售</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="120"/>
        <source>choose the rep to give the customers to</source>
        <translation>请选择要分给哪位销售</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="121"/>
        <source>{0} is not a rep on your team</source>
        <translation>{0} 不是您团队的销售</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="122"/>
        <source>{0} already holds this customer</source>
        <translation>{0} 已经拥有这个客户</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="123"/>
        <source>{0} already holds {1} customers, their limit</source>
        <translation>{0} 已有 {1} 个客户，达到上限</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="124"/>
        <source>every rep is at their limit of customers</source>
        <translation>所有销售的客户数都已达上限</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="125"/>
        <source>there is no other rep on your team to give this customer to</source>
        <translation>您的团队中没有其他销售可以接手这个客户</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="126"/>
        <source>this customer has no region</source>
        <translation>这个客户没有填写区域</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="127"/>
        <source>no rep works in {0}</source>
        <translation>没有销售负责{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="128"/>
        <source>this customer has no industry</source>
        <translation>这个客户没有填写行业</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="129"/>
        <source>no rep holds customers in {0}</source>
        <translation>没有销售拥有{0}行业的客户</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="131"/>
        <source>this report is countersigned and can no longer be changed</source>
        <translation>该日报已会签，不能再修改</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="132"/>
        <source>this report is submitted; it can be changed only after the supervisor returns it</source>
        <translation>该日报已提交；只有主管退回后才能修改</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="133"/>
        <source>is longer than 10,000 characters</source>
        <translation>超过 10,000 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="134"/>
        <source>only the rep&apos;s own supervisor or an admin can countersign or return a report</source>
        <translation>只有该销售的直属主管或管理员可以会签或退回日报</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="135"/>
        <source>this report is {0}, not submitted</source>
        <translation>该日报状态为 {0}，不是已提交</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="136"/>
        <source>the report changed since you opened it; reload it before deciding</source>
        <translation>打开后该日报已被修改；请重新加载后再处理</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="137"/>
        <source>is required: tell the rep what to change</source>
        <translation>为必填项：请告诉销售需要修改什么</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="138"/>
        <source>a report with no visits needs a summary of the day</source>
        <translation>没有拜访记录的日报需要填写当日总结</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="139"/>
        <source>{0} has no report for {1}</source>
        <translation>{0} 没有 {1} 的日报</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="142"/>
        <source>Head office reported this laptop lost, so FieldCRM has erased its data here without sending anything.</source>
        <translation>总部已报告这台电脑丢失，因此 FieldCRM 已清除本机上的数据，未发送任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="146"/>
        <source>Head office ended your use of FieldCRM on this laptop, so FieldCRM sent your work to head office and erased its data here.</source>
        <translation>总部已停止您在这台电脑上使用 FieldCRM，因此 FieldCRM 已将您的工作发送到总部，并清除了本机上的数据。</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="151"/>
        <source>only customer fields can be edited here; keep one of the two values</source>
        <translation>此处只能编辑客户字段；请保留两个值中的一个</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="152"/>
        <source>use mine or theirs</source>
        <translation>请选择保留我的或对方的</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="153"/>
        <source>no conflict with id {0}</source>
        <translation>没有编号为 {0} 的冲突</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="154"/>
        <source>this conflict is {0} already</source>
        <translation>该冲突已{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="155"/>
        <source>this record is no longer on this laptop; there is nothing to send again</source>
        <translation>本机已没有这条记录，无可重新发送的内容</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="156"/>
        <source>this profile belongs to {0} and holds {1} change(s) head office has not received; log in as {2} to send them, or give {3} a profile of their own (--data-dir DIR)</source>
        <translation>此档案属于 {0}，其中有 {1} 项修改总部尚未收到；请以 {2} 登录后发送，或为 {3} 另建档案（--data-dir 目录）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="161"/>
        <source>this profile also holds {0} change(s) of {1}, made on this laptop, which head office cannot accept from {2}; keep this profile for working offline (a demo) and give {3} a profile of their own (--data-dir DIR)</source>
        <translation>此档案还包含在本机为 {1} 建立的 {0} 项修改，总部无法以 {2} 的身份接收；请把此档案留作离线使用（演示），并为 {3} 另建档案（--data-dir 目录）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="167"/>
        <source>rejected with its group: {0}</source>
        <translation>与同一操作中的其他修改一起被拒绝：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="168"/>
        <source>you cannot create rows for another owner</source>
        <translation>您不能为其他负责人创建记录</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="169"/>
        <source>this row belongs to another rep; ask your supervisor</source>
        <translation>该记录属于其他销售代表，请联系您的主管</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="170"/>
        <source>customer {0} is not on the server</source>
        <translation>客户 {0} 不在服务器上</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="171"/>
        <source>contains a NUL character</source>
        <translation>包含空字符（NUL）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="172"/>
        <source>longer than {0} characters</source>
        <translation>超过 {0} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="173"/>
        <source>you cannot give a customer to someone outside your team</source>
        <translation>不能把客户交给本团队以外的人</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="174"/>
        <source>ownership of a customer is decided by head office rules (first contact, protection period)</source>
        <translation>客户归属由总部规则决定（首次联系、保护期）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="177"/>
        <source>a customer in the public pool has no owner; release it to the pool, or assign it to someone</source>
        <translation>公海客户没有负责人；请将其放回公海，或分配给某位业务员</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="180"/>
        <source>users and teams are managed by head office</source>
        <translation>用户和团队由总部管理</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="182"/>
        <source>this customer is protected for its owner until {0}; it cannot be claimed before then</source>
        <translation>该客户在保护期内，归其负责人所有至 {0}；在此之前不能领取</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="185"/>
        <source>this customer is not in the public pool; ask your supervisor to assign it</source>
        <translation>该客户不在公海中；请联系主管分配</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="186"/>
        <source>this customer is already yours</source>
        <translation>该客户已归您跟进</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="187"/>
        <source>you let this customer go back to the pool on {0}; you can claim it again from {1}</source>
        <translation>您于 {0} 让该客户回到了公海；自 {1} 起才能再次领取</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="188"/>
        <source>you hold {0} customers and your limit is {1}; release one before claiming another</source>
        <translation>您已持有 {0} 个客户，上限为 {1} 个；请先放回一个客户再领取</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="189"/>
        <source>you have claimed {0} customers today, the daily limit; claim more tomorrow</source>
        <translation>您今天已领取 {0} 个客户，达到每日上限；请明天再领取</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="190"/>
        <source>already claimed by {0} on {1} at {2}, when head office accepted it; it is no longer in the public pool</source>
        <translation>已被 {0} 认领（总部于 {1} {2} 接受）；该客户已不在公海</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="194"/>
        <source>give a reason for releasing this customer to the public pool</source>
        <translation>请填写将该客户放回公海的原因</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="195"/>
        <source>only its owner can release this customer to the public pool</source>
        <translation>只有该客户的负责人才能将其放回公海</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="197"/>
        <source>a lost claim is recorded by head office, never from a laptop</source>
        <translation>认领未成功的记录只能由总部写入，不能从笔记本电脑提交</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="199"/>
        <source>only reps appeal about customers they lost</source>
        <translation>只有销售可以对失去的客户提出申诉</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="200"/>
        <source>an appeal is filed by the rep who lost the customer, for themselves</source>
        <translation>申诉须由失去客户的销售本人提出</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="201"/>
        <source>say why the customer should be yours</source>
        <translation>请说明客户为什么应归您</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="202"/>
        <source>a new appeal starts open, without a decision</source>
        <translation>新申诉必须是待裁决状态，不能带裁决</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="203"/>
        <source>this customer is yours; there is nothing to appeal</source>
        <translation>此客户已归您，无需申诉</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="204"/>
        <source>you can appeal only about a customer you lost: another rep&apos;s claim or registration came first, or it was returned to the pool, assigned or handed over away from you</source>
        <translation>只能对您失去的客户提出申诉：其他销售的认领或登记先到，或客户被退回公海、分配或交接给他人</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="209"/>
        <source>you have an open appeal about this customer already; wait for its decision</source>
        <translation>您对此客户已有一条待裁决的申诉；请等待裁决</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="210"/>
        <source>the customer changed hands since this appeal was written; look again and file it anew</source>
        <translation>写这条申诉后客户已易手；请重新查看后再提交</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="213"/>
        <source>this appeal was decided already ({0}); a decision is final</source>
        <translation>此申诉已裁决（{0}）；裁决为最终结果</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="214"/>
        <source>you are a party to this appeal; the supervisor of both reps decides it</source>
        <translation>您是此申诉的当事人；由双方的主管裁决</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="215"/>
        <source>only the supervisor of both reps, or an admin, decides an appeal</source>
        <translation>只有双方销售的主管或管理员可以裁决申诉</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="216"/>
        <source>write the reason for your decision; both reps will read it</source>
        <translation>请写明裁决理由；双方销售都会看到</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="217"/>
        <source>an appeal is decided by upholding or rejecting it</source>
        <translation>申诉只能裁定成立或驳回</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="218"/>
        <source>an appeal is written once and changes only by its decision</source>
        <translation>申诉提交后不能修改，只能被裁决</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="219"/>
        <source>{0}&apos;s claim reached head office first, accepted on {1}; your visits stay with the customer</source>
        <translation>{0} 的认领先到达总部（{1} 接受）；您的拜访记录仍保留在该客户名下</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="222"/>
        <source>{0} registered this company first, accepted by head office on {1}; your first contact and visits stay with it</source>
        <translation>{0} 先登记了这家公司（总部于 {1} 接受）；您的首次接触和拜访记录仍保留在该客户名下</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="226"/>
        <source>head office returned it to the public pool on {0}</source>
        <translation>总部已于 {0} 将其退回公海</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="227"/>
        <source>assigned to {0} on {1}</source>
        <translation>已于 {1} 分配给 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="228"/>
        <source>handed over to {0} on {1}</source>
        <translation>已于 {1} 交接给 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="229"/>
        <source>{0}&apos;s claim reached head office first; your visits stay with the customer</source>
        <translation>{0} 的认领先到达总部；您的拜访记录仍保留在该客户名下</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="230"/>
        <source>{0} registered this company first; your first contact and visits stay with it</source>
        <translation>{0} 先登记了这家公司；您的首次接触和拜访记录仍保留在该客户名下</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="231"/>
        <source>head office returned it to the public pool</source>
        <translation>总部已将其退回公海</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="232"/>
        <source>assigned to {0}</source>
        <translation>已分配给 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="233"/>
        <source>handed over to {0}</source>
        <translation>已交接给 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="235"/>
        <source>no local profile yet; run `fieldcrm init` or log in to a server first</source>
        <translation>尚无本机档案；请先运行 `fieldcrm init` 或登录服务器</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="236"/>
        <source>the current user {0} is not in this store</source>
        <translation>当前用户 {0} 不在本机数据中</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="237"/>
        <source>no {0} with id {1}</source>
        <translation>没有编号为 {1} 的{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="238"/>
        <source>no user named &apos;{0}&apos; in this store</source>
        <translation>本机数据中没有名为“{0}”的用户</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="240"/>
        <source>{0} is not a FieldCRM backup or is damaged ({1})</source>
        <translation>{0} 不是 FieldCRM 备份，或已损坏（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="241"/>
        <source>{0} is not a FieldCRM backup (it has no customer store in it)</source>
        <translation>{0} 不是 FieldCRM 备份（其中没有客户数据）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="242"/>
        <source>{0} is not a FieldCRM backup, or it was encrypted on another computer or with another passphrase</source>
        <translation>{0} 不是 FieldCRM 备份，或是在另一台电脑上或用另一个口令加密的</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="246"/>
        <source>{0} is damaged ({1}); choose another backup</source>
        <translation>{0} 已损坏（{1}），请选择其他备份</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="247"/>
        <source>{0} was made by a newer FieldCRM (schema {1}); update FieldCRM before restoring it</source>
        <translation>{0} 由更新版本的 FieldCRM 创建（结构 {1}），请先升级 FieldCRM 再还原</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="248"/>
        <source>the copy of the store failed its integrity check ({0}); nothing was kept</source>
        <translation>数据副本未通过完整性检查（{0}），未保留任何副本</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="250"/>
        <source>import {0} was already undone on {1}</source>
        <translation>导入 {0} 已于 {1} 撤销</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="251"/>
        <source>is a total row, not a customer</source>
        <translation>是合计行，不是客户</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="252"/>
        <source>needs a contact name ({0}) in the same row</source>
        <translation>需要在同一行填写联系人姓名（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="253"/>
        <source>a merged customer already has this credit code</source>
        <translation>已合并的客户已使用该信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="254"/>
        <source>same credit code as an existing customer</source>
        <translation>与现有客户的信用代码相同</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="255"/>
        <source>same company name as an existing customer</source>
        <translation>与现有客户的公司名称相同</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="256"/>
        <source>same phone as an existing customer</source>
        <translation>与现有客户的电话相同</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="257"/>
        <source>same credit code as row {0} of this file</source>
        <translation>与本文件第 {0} 行的信用代码相同</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="258"/>
        <source>same company name as row {0} of this file</source>
        <translation>与本文件第 {0} 行的公司名称相同</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="259"/>
        <source>same phone as row {0} of this file</source>
        <translation>与本文件第 {0} 行的电话相同</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="260"/>
        <source>{0}, already matched by row {1}</source>
        <translation>{0}，已与第 {1} 行匹配</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="261"/>
        <source>it belongs to another rep</source>
        <translation>该客户属于其他销售</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="262"/>
        <source>nothing to change</source>
        <translation>没有需要修改的内容</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="264"/>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="265"/>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="266"/>
        <source>the file is larger than the import limit of {0} MB</source>
        <translation>文件超过导入上限 {0} MB</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="267"/>
        <source>this is a web page or XML file with a spreadsheet name; open it in Excel or WPS and save as .xlsx</source>
        <translation>这是带有表格文件名的网页或 XML 文件；请用 Excel 或 WPS 打开并另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="271"/>
        <source>this is not a spreadsheet (it is neither .xlsx, .xls nor a CSV text file)</source>
        <translation>这不是电子表格（既不是 .xlsx、.xls，也不是 CSV 文本文件）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="272"/>
        <source>it unpacks to {0} MB, over the import limit of {1} MB</source>
        <translation>解压后为 {0} MB，超过导入上限 {1} MB</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="273"/>
        <source>this is a Word or PowerPoint file, not a spreadsheet</source>
        <translation>这是 Word 或 PowerPoint 文件，不是电子表格</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="274"/>
        <source>this is a zip archive without an Excel workbook in it</source>
        <translation>这是一个不含 Excel 工作簿的压缩包</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="275"/>
        <source>the workbook is damaged (its zip structure cannot be read)</source>
        <translation>工作簿已损坏（无法读取其压缩结构）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="276"/>
        <source>the workbook is encrypted with a password; save an unprotected copy and import that</source>
        <translation>工作簿已用密码加密；请另存一份未加密的副本再导入</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="277"/>
        <source>the workbook is protected with a password; save an unprotected copy and import that</source>
        <translation>工作簿受密码保护；请另存一份未加密的副本再导入</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="278"/>
        <source>the workbook is damaged or in an unsupported format ({0})</source>
        <translation>工作簿已损坏或格式不受支持（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="279"/>
        <source>the workbook is damaged ({0})</source>
        <translation>工作簿已损坏（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="280"/>
        <source>the sheet has more than {0} rows, the import limit</source>
        <translation>工作表超过导入上限 {0} 行</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="281"/>
        <source>the workbook has no sheets</source>
        <translation>工作簿中没有工作表</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="282"/>
        <source>there is no sheet named &apos;{0}&apos;; it has {1}</source>
        <translation>没有名为“{0}”的工作表；现有工作表：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="283"/>
        <source>the text is neither UTF-8 nor GBK/GB18030; save it as UTF-8 CSV</source>
        <translation>文本既不是 UTF-8 也不是 GBK/GB18030 编码；请另存为 UTF-8 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="284"/>
        <source>row {0} cannot be read as CSV ({1})</source>
        <translation>第 {0} 行无法按 CSV 读取（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="285"/>
        <source>no header row found in the first rows of sheet &apos;{0}&apos;; a column headed 客户名称 / 公司名称 / Company is needed</source>
        <translation>在工作表“{0}”的前几行中没有找到表头；需要一列名为 客户名称 / 公司名称 / Company</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="289"/>
        <source>two columns are mapped to the same field; map each once</source>
        <translation>有两列对应到了同一个字段；每个字段只能对应一列</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="291"/>
        <source>your role may not export customers; ask head office</source>
        <translation>您的角色不能导出客户；请联系总部</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="292"/>
        <source>this export holds {0} customers, more than the {1} your role may export at once; narrow the filter</source>
        <translation>本次导出包含 {0} 个客户，超过您的角色单次可导出的 {1} 个；请缩小筛选范围</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="295"/>
        <source>this workbook contains macros; only its data is read and the macros are never run</source>
        <translation>该工作簿包含宏；只读取数据，不会运行宏</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="297"/>
        <source>this customer&apos;s numbers are kept at head office for its owner; connect to the server and reveal them again</source>
        <translation>该客户的号码由总部为其负责人保管；请连接服务器后再次查看完整号码</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="301"/>
        <source>the numbers are kept at head office and could not be fetched: {0}</source>
        <translation>号码由总部保管，未能取回：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="302"/>
        <source>head office asks for your password before FieldCRM shows customer data, and there is no terminal to ask it on; run the command in a terminal</source>
        <translation>总部要求在 FieldCRM 显示客户数据前输入您的密码，但当前没有可输入密码的终端；请在终端中运行该命令</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="307"/>
        <source>that is not your password (the one you log in to head office with); nothing was shown</source>
        <translation>密码不正确（应为您登录总部时使用的密码）；未显示任何内容</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="310"/>
        <source>the idle time must be between 1 and 1440 minutes (a day)</source>
        <translation>无操作时长必须在 1 到 1440 分钟（一天）之间</translation>
    </message>
    <message>
        <location filename="../../ui/reasons.py" line="314"/>
        <source>; </source>
        <extracomment>How parts are joined (Chinese uses full-width punctuation).</extracomment>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../ui/fields.py" line="172"/>
        <location filename="../../ui/reasons.py" line="314"/>
        <source>: </source>
        <translation>：</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <location filename="../../ui/reports/common.py" line="17"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="18"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="19"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="20"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="21"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="22"/>
        <source>Follow-up date</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="48"/>
        <source>This preview lists the day&apos;s visits; nothing is saved yet.</source>
        <translation>以下是当天拜访的预览，尚未保存。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="50"/>
        <source>submitted {0}</source>
        <translation>提交于 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="52"/>
        <source>countersigned by {0} on {1}</source>
        <translation>由 {0} 于 {1} 会签</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="56"/>
        <source>returned with comment: {0}</source>
        <translation>已退回，意见：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="57"/>
        <source>saved, not submitted yet</source>
        <translation>已保存，尚未提交</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="66"/>
        <source>✔ Signature valid: the report is unchanged since it was countersigned.</source>
        <translation>✔ 签名有效：会签后日报未被修改。</translation>
    </message>
    <message>
        <location filename="../../ui/reports/common.py" line="68"/>
        <source>✘ Signature check failed: the report was changed after countersigning!</source>
        <translation>✘ 签名校验失败：日报在会签后被修改过！</translation>
    </message>
</context>
<context>
    <name>screens</name>
    <message>
        <location filename="../../ui/screens.py" line="143"/>
        <source>Today</source>
        <extracomment>The changes this screen shows: it reloads when the worker announces one of them. &quot;module:Class&quot; of the screen&apos;s `Screen` subclass, imported when the screen is first shown. Modules the window opens dialogs from (beside the screens&apos;): loaded by `warm_up` so no click waits for an import.</extracomment>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="147"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="151"/>
        <source>Plans</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="155"/>
        <source>Reports</source>
        <translation>日报</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="160"/>
        <source>Inbox</source>
        <translation>待审日报</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="165"/>
        <source>Public pool</source>
        <translation>公海</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="169"/>
        <source>Handovers</source>
        <translation>交接</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="174"/>
        <source>Arbitration</source>
        <translation>仲裁</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="182"/>
        <source>Fairness</source>
        <translation>公平报表</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="187"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
</context>
</TS>
