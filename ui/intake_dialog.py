"""Registering a family: the household, its members, the duplicates panel, one save.

Every database call (duplicate look-ups, the save) runs in an ``Op`` on a pool thread; see
``form_dialog``. Duplicates are never merged (``duplicates_panel``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.i18n import _, ngettext
from oralman_desk.services.errors import Problem
from oralman_desk.services.intake import (
    DuplicateMatch,
    DuplicatesFound,
    HouseholdInput,
    IntakeService,
)
from oralman_desk.services.queries import duplicates_for

from .context import AppContext
from .duplicates_panel import (
    DuplicatesPanel,
)
from .form_dialog import (
    FormDialog,
)
from .person_form import (
    DEBOUNCE_MS,
    INDEX_RE,
    HouseholdForm,
    MemberEditor,
    can_look_for_duplicates,
    dup_key,
    label,
)
from .widgets import mark_error, scroll_area
from .worker import Op

# ---- registering a family ------------------------------------------------------------------------


@dataclass(eq=False)
class _Member:
    editor: MemberEditor
    matches: list[DuplicateMatch] | None = None
    checked_key: tuple[object, ...] | None = None
    confirmed_new: bool = False
    checking: bool = False
    decision_required: bool = False
    requests: int = 0
    problems: list[Problem] = field(default_factory=list)


class IntakeDialog(FormDialog):
    """Registering a family: the family's fields, its members (one of them the head), each
    member's form, and the duplicates of the member being entered, checked as the worker types."""

    open_person = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.resize(1320, 860)
        self.members: list[_Member] = []
        self.head_index = 0
        self._may_retry = False
        self._pending: set[_Member] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._check_pending)

        self.household_box = QGroupBox()
        self.household = HouseholdForm(ctx.ref)
        QVBoxLayout(self.household_box).addWidget(self.household)

        self.members_box = QGroupBox()
        self.members_list = QListWidget()
        self.members_list.setWordWrap(True)
        self.members_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.members_list.currentRowChanged.connect(self._member_selected)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.head_button = QPushButton()
        for b in (
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.head_button,
        ):
            b.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button.clicked.connect(self._remove_clicked)
        self.up_button.clicked.connect(lambda: self.move_member(-1))
        self.down_button.clicked.connect(lambda: self.move_member(1))
        self.head_button.clicked.connect(lambda: self.set_head(self.members_list.currentRow()))
        ml = QVBoxLayout(self.members_box)
        ml.addWidget(self.members_list, 1)
        grid = QGridLayout()
        grid.addWidget(self.add_button, 0, 0)
        grid.addWidget(self.remove_button, 0, 1)
        grid.addWidget(self.up_button, 1, 0)
        grid.addWidget(self.down_button, 1, 1)
        grid.addWidget(self.head_button, 2, 0, 1, 2)
        ml.addLayout(grid)

        self.stack = QStackedWidget()
        self.editor_scroll = scroll_area(self.stack)
        self.member_box = QGroupBox()
        QVBoxLayout(self.member_box).addWidget(self.editor_scroll)

        self.duplicates_box = QGroupBox()
        self.duplicates = DuplicatesPanel()
        self.duplicates.open_person.connect(self.open_person.emit)
        self.duplicates.confirm_toggled.connect(self._confirm_toggled)
        QVBoxLayout(self.duplicates_box).addWidget(self.duplicates)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.members_box)
        splitter.addWidget(self.member_box)
        splitter.addWidget(self.duplicates_box)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([240, 780, 300])
        self.splitter = splitter

        lay = QVBoxLayout(self)
        lay.addWidget(self.household_box)
        lay.addWidget(splitter, 1)
        lay.addLayout(self._footer())

        self.add_member()
        self.retranslate()
        self.remember_initial()

    # -- members

    def editors(self) -> list[MemberEditor]:
        return [m.editor for m in self.members]

    def current_index(self) -> int:
        return self.members_list.currentRow()

    def current_editor(self) -> MemberEditor:
        return self.members[max(self.current_index(), 0)].editor

    def add_member(self) -> MemberEditor:
        editor = MemberEditor(self.ctx.ref, self.stack)
        member = _Member(editor)
        if not self.members:
            editor.is_head = True
            editor.relation.set_code("head")
        editor.documents.add_row()
        self.stack.addWidget(editor)
        self.members.append(member)
        editor.edited.connect(lambda m=member: self._member_edited(m))
        editor.identity_changed.connect(lambda m=member: self._identity_changed(m))
        editor.documents.rows_changed.connect(self._fix_tab_tail)
        editor.languages.rows_changed.connect(self._fix_tab_tail)
        self._refresh_list(select=len(self.members) - 1)
        editor.surname.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def _remove_clicked(self) -> None:
        i = self.current_index()
        if not 0 <= i < len(self.members) or len(self.members) < 2:
            return
        editor = self.members[i].editor
        if editor.has_input():
            answer = QMessageBox.question(
                self,
                _("Oralman Desk"),
                _("Remove {name} from the family? What you entered for them will be lost.").format(
                    name=editor.display_name() or _("this member")
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.remove_member(i)

    def remove_member(self, index: int) -> None:
        if len(self.members) < 2:
            return
        member = self.members.pop(index)
        self._pending.discard(member)
        self.stack.removeWidget(member.editor)
        member.editor.deleteLater()
        if self.head_index == index:
            self.head_index = -1
            self.set_head(0)
        elif self.head_index > index:
            self.head_index -= 1
        self._refresh_list(select=min(index, len(self.members) - 1))

    def move_member(self, step: int) -> None:
        i = self.current_index()
        j = i + step
        if not (0 <= i < len(self.members) and 0 <= j < len(self.members)):
            return
        self.members[i], self.members[j] = self.members[j], self.members[i]
        if self.head_index in (i, j):
            self.head_index = j if self.head_index == i else i
        self._refresh_list(select=j)

    def set_head(self, index: int) -> None:
        """Mark one member as the head of the family (exactly one is)."""
        if not 0 <= index < len(self.members):
            return
        old = self.head_index
        for k, m in enumerate(self.members):
            m.editor.is_head = k == index
        self.head_index = index
        new_editor = self.members[index].editor
        if new_editor.relation.code() in (None, "other_relative"):
            new_editor.relation.set_code("head")
        if old != index and 0 <= old < len(self.members):
            old_editor = self.members[old].editor
            if old_editor.relation.code() == "head":
                old_editor.relation.set_code(None)  # the worker says what they are now
        self._refresh_list(select=self.current_index())

    def _refresh_list(self, select: int | None = None) -> None:
        self.members_list.blockSignals(True)
        self.members_list.clear()
        for i, m in enumerate(self.members):
            item = QListWidgetItem(self._member_text(i, m))
            if i == self.head_index:
                f = QFont(item.font())
                f.setBold(True)
                item.setFont(f)
            if m.editor.problems() or m.problems:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.members_list.addItem(item)
        self.members_list.blockSignals(False)
        if select is not None and 0 <= select < len(self.members):
            self.members_list.setCurrentRow(select)
            self._member_selected(select)
        n = len(self.members)
        i = self.current_index()
        self.remove_button.setEnabled(n > 1)
        self.up_button.setEnabled(i > 0)
        self.down_button.setEnabled(0 <= i < n - 1)
        self.head_button.setEnabled(i != self.head_index)

    def _member_text(self, i: int, m: _Member) -> str:
        name = m.editor.display_name() or _("New member")
        text = f"{i + 1}. {name}"
        relation = m.editor.relation.code()
        notes = []
        if i == self.head_index:
            notes.append(_("head of family"))
        elif relation:
            notes.append(self.ctx.ref.name("relation", relation))
        if m.matches and not m.confirmed_new:
            notes.append(_("possible duplicate"))
        elif m.matches and m.confirmed_new:
            notes.append(_("confirmed as new"))
        return "\n    ".join([text, *notes])

    def _update_item(self, m: _Member) -> None:
        if m not in self.members:
            return
        i = self.members.index(m)
        item = self.members_list.item(i)
        if item is not None:
            item.setText(self._member_text(i, m))
            has_problems = bool(m.editor.problems() or m.problems)
            item.setForeground(Qt.GlobalColor.darkRed if has_problems else self.palette().text())

    def _member_selected(self, row: int) -> None:
        if not 0 <= row < len(self.members):
            return
        m = self.members[row]
        self.stack.setCurrentWidget(m.editor)
        self._show_duplicates(m)
        self._fix_tab_tail()
        n = len(self.members)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < n - 1)
        self.head_button.setEnabled(row != self.head_index)
        self.member_box.setTitle(
            _("Member {n}").format(n=row + 1)
            + (f": {m.editor.display_name()}" if m.editor.display_name() else "")
        )

    def _fix_tab_tail(self) -> None:
        editor = self.current_editor()
        QWidget.setTabOrder(editor.languages.add_button, self.duplicates.confirm)
        self.tab_after(self.duplicates.confirm)

    def _member_edited(self, m: _Member) -> None:
        self._update_item(m)
        if m in self.members and self.members.index(m) == self.current_index():
            name = m.editor.display_name()
            self.member_box.setTitle(
                _("Member {n}").format(n=self.current_index() + 1) + (f": {name}" if name else "")
            )

    # -- duplicates, as the worker types

    def _identity_changed(self, m: _Member) -> None:
        self._pending.add(m)
        self._timer.start()

    def _check_pending(self) -> None:
        if not self.isVisible():
            return
        for m in list(self._pending):
            self._pending.discard(m)
            if m in self.members:
                self.check_duplicates(m)

    def check_duplicates(self, m: _Member) -> None:
        inp = m.editor.to_input()
        key = dup_key(inp)
        if not can_look_for_duplicates(inp):
            m.matches, m.checked_key, m.checking = None, None, False
            self._after_duplicates(m)
            return
        if key == m.checked_key and not m.checking:
            return
        m.requests += 1
        request = m.requests
        m.checking = True
        self._after_duplicates(m)
        db, ref = self.ctx.db, self.ctx.ref
        Op(self, lambda: duplicates_for(db, inp, ref=ref)).success(
            lambda found, m=m, request=request, key=key: self._duplicates_found(
                m, request, key, found
            )
        ).failure(lambda exc, m=m: self._duplicates_failed(m, exc)).run()

    def _duplicates_found(
        self, m: _Member, request: int, key: tuple[object, ...], found: list[DuplicateMatch]
    ) -> None:
        if request != m.requests or m not in self.members:
            return  # the worker typed on; a newer check is on its way
        self._set_matches(m, found, key)

    def _duplicates_failed(self, m: _Member, exc: BaseException) -> None:
        # A background check must not pop up a window while the worker types: say it in a line.
        m.checking = False
        self._after_duplicates(m)
        self.set_message(
            lambda: _("The check for duplicates failed: {error}").format(error=exc), warning=True
        )

    def _set_matches(
        self, m: _Member, found: list[DuplicateMatch], key: tuple[object, ...]
    ) -> None:
        before = {d.person_id for d in m.matches or []}
        after = {d.person_id for d in found}
        if after != before or not after:
            m.confirmed_new = False  # a decision is about the people that were shown
            m.decision_required = m.decision_required and bool(after)
        m.matches = found
        m.checked_key = key
        m.checking = False
        self._after_duplicates(m)

    def _after_duplicates(self, m: _Member) -> None:
        self._update_item(m)
        if m in self.members and self.members.index(m) == self.current_index():
            self._show_duplicates(m)

    def _show_duplicates(self, m: _Member) -> None:
        needs_input = not m.checking and m.matches is None
        self.duplicates.set_state(
            m.matches,
            checking=m.checking,
            needs_input=needs_input,
            confirmed=m.confirmed_new,
            decision_required=m.decision_required,
        )

    def _confirm_toggled(self, checked: bool) -> None:
        i = self.current_index()
        if 0 <= i < len(self.members):
            m = self.members[i]
            m.confirmed_new = checked
            if checked:
                m.decision_required = False
            self._show_duplicates(m)
            self._update_item(m)

    def _confirmed_new(self, data: HouseholdInput) -> bool:
        """True only when the worker has seen the current matches of every member and said each
        one with matches is new. Anything out of date: let the service check again."""
        any_matches = False
        for m, p in zip(self.members, data.members, strict=True):
            if m.checked_key != dup_key(p) or m.matches is None:
                return False
            if m.matches:
                any_matches = True
                if not m.confirmed_new:
                    return False
        return any_matches

    # -- saving

    def to_input(self) -> HouseholdInput:
        members = []
        for i, m in enumerate(self.members):
            p = m.editor.to_input()
            p.is_head = i == self.head_index
            members.append(p)
        return self.household.to_input(members)

    def current_input(self) -> object:
        return self.to_input()

    def has_unsaved_input(self) -> bool:
        return self.result_saved is None and (
            self.household.has_input() or any(e.has_input() for e in self.editors())
        )

    def save(self) -> None:
        self._may_retry = True
        data = self.to_input()
        self._register(data, self._confirmed_new(data))

    def _register(self, data: HouseholdInput, confirmed: bool) -> None:
        db, ref = self.ctx.db, self.ctx.ref
        self.run_save(
            lambda: IntakeService(db, ref).register_household(data, confirmed_new=confirmed)
        )

    def done(self, r: int) -> None:
        self._timer.stop()
        self._pending.clear()
        super().done(r)

    def show_problems(self, problems: list[Problem]) -> None:
        self.household.show_problems(problems)
        for i, m in enumerate(self.members):
            prefix = f"members[{i}]."
            m.editor.show_problems(problems, prefix)
            m.problems = [p for p in problems if p.field.startswith(prefix)]
        family = [p for p in problems if p.field in ("head", "members")]
        mark_error(self.members_list, "\n".join(p.message() for p in family) or None)
        for m in self.members:
            self._update_item(m)
        first = next((p for p in problems if INDEX_RE.match(p.field)), None)
        if first is not None:
            self.go_to_field(first.field)

    def go_to_field(self, path: str) -> None:
        match = INDEX_RE.match(path)
        if match:
            i = int(match.group(1))
            if 0 <= i < len(self.members):
                self.members_list.setCurrentRow(i)
                editor = self.members[i].editor
                rel = path[match.end() :]
                editor.focus_field(rel)
                w = editor.widget_for(rel)
                if w is not None:
                    self.editor_scroll.ensureWidgetVisible(w)
        elif path in self.household.fields:
            self.household.fields[path].setFocus(Qt.FocusReason.OtherFocusReason)
        elif path in ("head", "members"):
            self.members_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_duplicates(self, exc: DuplicatesFound) -> None:
        data = self.to_input()
        first: int | None = None
        for i, (m, p) in enumerate(zip(self.members, data.members, strict=True)):
            found = exc.matches.get(i, [])
            self._set_matches(m, found, dup_key(p))  # a different set of people undoes "new"
            m.decision_required = bool(found) and not m.confirmed_new
            if found and first is None and not m.confirmed_new:
                first = i
        if first is None and self._may_retry:
            # The worker had already said "new" about exactly these people (the check as they
            # typed had not caught up with the last keystrokes): save with that decision, once.
            self._may_retry = False
            self._register(data, True)
            return
        count = sum(1 for i in exc.matches)
        self.set_message(
            lambda: ngettext(
                "Possible duplicates were found for {n} member: nothing was saved. Compare and "
                "decide before saving.",
                "Possible duplicates were found for {n} members: nothing was saved. Compare and "
                "decide before saving.",
                count,
            ).format(n=count),
            warning=True,
        )
        for m in self.members:
            self._update_item(m)
        if first is not None:
            self.members_list.setCurrentRow(first)
        self._show_duplicates(self.members[max(self.current_index(), 0)])

    # -- labels

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Register a family"))
        self.household_box.setTitle(_("Family"))
        self.members_box.setTitle(label("members"))
        self.duplicates_box.setTitle(_("Already registered?"))
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        self.up_button.setText(_("Up"))
        self.down_button.setText(_("Down"))
        self.head_button.setText(_("Make head of family"))
        self.add_button.setToolTip(_("Add a family member"))
        self.up_button.setToolTip(_("Move the member up the list"))
        self.down_button.setToolTip(_("Move the member down the list"))
        if self.members:
            self._refresh_list(select=max(self.current_index(), 0))
