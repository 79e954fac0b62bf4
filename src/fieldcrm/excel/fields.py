"""The fields an import can fill, their labels in Chinese and English, and the header words that mean them."""

from __future__ import annotations

#: Import fields: customer columns by their own name, contact columns prefixed with "contact_".
CUSTOMER_FIELDS = (
    "name",
    "credit_code",
    "phone",
    "address",
    "region",
    "industry",
    "size",
    "grade",
    "stage",
    "source",
    "tags",
    "notes",
    "next_follow_up",
)
CONTACT_FIELDS = ("contact_name", "contact_title", "contact_mobile", "contact_email", "contact_wechat")
FIELDS = CUSTOMER_FIELDS + CONTACT_FIELDS

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "name": "客户名称",
        "credit_code": "统一社会信用代码",
        "phone": "电话",
        "address": "地址",
        "region": "区域",
        "industry": "行业",
        "size": "规模",
        "grade": "客户等级",
        "stage": "阶段",
        "source": "来源",
        "tags": "标签",
        "notes": "备注",
        "next_follow_up": "下次跟进",
        "contact_name": "联系人",
        "contact_title": "职务",
        "contact_mobile": "手机",
        "contact_email": "邮箱",
        "contact_wechat": "微信",
        "owner": "负责人",
        "protection_until": "保护期至",
    },
    "en": {
        "name": "Company",
        "credit_code": "Credit code",
        "phone": "Phone",
        "address": "Address",
        "region": "Region",
        "industry": "Industry",
        "size": "Size",
        "grade": "Grade",
        "stage": "Stage",
        "source": "Source",
        "tags": "Tags",
        "notes": "Notes",
        "next_follow_up": "Next follow-up",
        "contact_name": "Contact",
        "contact_title": "Title",
        "contact_mobile": "Mobile",
        "contact_email": "Email",
        "contact_wechat": "WeChat",
        "owner": "Owner",
        "protection_until": "Protected until",
    },
}

#: Header words per field, compared after folding (NFKC, lower case, no spaces or punctuation).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "客户名称", "公司名称", "单位名称", "企业名称", "客户全称", "公司全称", "客户", "公司", "单位", "名称",
        "company", "companyname", "accountname", "account", "customer", "customername", "organization",
        "organisation",
    ),
    "credit_code": (
        "统一社会信用代码", "社会信用代码", "信用代码", "税号", "纳税人识别号", "creditcode", "uscc",
        "unifiedsocialcreditcode",
    ),
    "phone": ("电话", "联系电话", "公司电话", "座机", "固话", "电话号码", "phone", "telephone", "tel", "phonenumber"),
    "address": ("地址", "详细地址", "公司地址", "联系地址", "address"),
    "region": ("区域", "地区", "省份", "城市", "所在地区", "region", "area", "city", "province"),
    "industry": ("行业", "所属行业", "行业类别", "industry"),
    "size": ("规模", "公司规模", "企业规模", "人员规模", "size", "companysize"),
    "grade": ("等级", "客户等级", "级别", "客户级别", "grade", "level", "rating"),
    "stage": ("阶段", "客户阶段", "生命周期", "客户状态", "stage", "lifecyclestage"),
    "source": ("来源", "客户来源", "线索来源", "source", "leadsource"),
    "tags": ("标签", "客户标签", "tags", "tag"),
    "notes": ("备注", "说明", "备注信息", "notes", "note", "remark", "remarks", "comment", "comments"),
    "next_follow_up": ("下次跟进", "下次跟进日期", "下次跟进时间", "下次联系", "nextfollowup", "followup"),
    "contact_name": ("联系人", "联系人姓名", "姓名", "contact", "contactname", "contactperson"),
    "contact_title": ("职务", "职位", "title", "position", "jobtitle"),
    "contact_mobile": ("手机", "手机号", "手机号码", "移动电话", "mobile", "mobilephone", "cell", "cellphone"),
    "contact_email": ("邮箱", "电子邮箱", "邮件", "email", "e-mail", "emailaddress"),
    "contact_wechat": ("微信", "微信号", "wechat"),
}  # fmt: skip
