"""A mypy plugin: Qt widgets take their inherited properties as keyword arguments, as PySide6 allows at run time.

PySide6's stubs list only a class's own properties as keyword-only arguments of its constructor, so
`QPushButton(text, objectName="save")` (objectName is QObject's) or `QDateEdit(calendarPopup=True)` (QDateTimeEdit's)
fail to type-check although PySide6 accepts them. For a PySide6 QObject class this adds the keyword-only arguments
of its base classes' constructors to each of its constructor signatures, with the types the stubs give them, so
those arguments are still checked.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import ARG_NAMED_OPT, ARG_STAR2, FuncDef, OverloadedFuncDef, TypeInfo
from mypy.plugin import FunctionSigContext, Plugin
from mypy.types import FunctionLike, Instance, Type, get_proper_type

_QOBJECT = "PySide6.QtCore.QObject"


def _keyword_properties(info: TypeInfo) -> dict[str, Type]:
    """The keyword-only constructor arguments (Qt properties) of `info`'s base classes, nearest base first."""
    found: dict[str, Type] = {}
    for base in info.mro[1:]:
        init = base.names.get("__init__")
        node = init.node if init is not None else None
        if not isinstance(node, FuncDef | OverloadedFuncDef) or node.type is None:
            continue
        signature = get_proper_type(node.type)
        if not isinstance(signature, FunctionLike):
            continue
        for item in signature.items:
            for kind, name, arg_type in zip(item.arg_kinds, item.arg_names, item.arg_types, strict=True):
                if kind == ARG_NAMED_OPT and name is not None:
                    found.setdefault(name, arg_type)
    return found


def _with_inherited_properties(ctx: FunctionSigContext) -> FunctionLike:
    signature = ctx.default_signature
    returned = get_proper_type(signature.ret_type)
    if not isinstance(returned, Instance) or ARG_STAR2 in signature.arg_kinds:
        return signature
    own = set(signature.arg_names)
    extra = [(name, arg_type) for name, arg_type in _keyword_properties(returned.type).items() if name not in own]
    if not extra:
        return signature
    return signature.copy_modified(
        arg_kinds=[*signature.arg_kinds, *(ARG_NAMED_OPT for _ in extra)],
        arg_names=[*signature.arg_names, *(name for name, _ in extra)],
        arg_types=[*signature.arg_types, *(arg_type for _, arg_type in extra)],
    )


class QtPropertiesPlugin(Plugin):
    def get_function_signature_hook(self, fullname: str) -> Callable[[FunctionSigContext], FunctionLike] | None:
        if not fullname.startswith("PySide6."):
            return None
        symbol = self.lookup_fully_qualified(fullname)
        if symbol is None or not isinstance(symbol.node, TypeInfo) or not symbol.node.has_base(_QOBJECT):
            return None
        return _with_inherited_properties


def plugin(version: str) -> type[Plugin]:
    return QtPropertiesPlugin
