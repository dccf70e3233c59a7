"""A folder picker for the import screen: a tree of folders, Enter opens, `c` chooses."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Footer, Static


class FolderPicker(ModalScreen[Path | None]):
    """Dismisses with the chosen folder or file, or None."""

    DEFAULT_CSS = """
    FolderPicker { align: center middle; }
    FolderPicker > Vertical { width: 90%; height: 90%; border: round $primary; background: $surface; }
    FolderPicker #picker-path { height: 1; color: $text-muted; }
    FolderPicker DirectoryTree { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose", "Chọn thư mục này", id="receiver.picker.choose"),
        Binding("backspace", "up", "Lên thư mục trên", id="receiver.picker.up"),
        Binding("escape", "cancel", "Thôi", id="receiver.picker.cancel"),
    ]

    def __init__(self, start: Path) -> None:
        super().__init__()
        self.start = start.resolve()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(str(self.start), id="picker-path", markup=False)
            yield DirectoryTree(self.start, id="picker-tree")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DirectoryTree).focus()

    def highlighted(self) -> Path:
        """The folder or file under the cursor (the tree's root when nothing is)."""
        tree = self.query_one(DirectoryTree)
        node = tree.cursor_node
        if node is not None and node.data is not None:
            return Path(node.data.path)
        return Path(tree.path)

    @on(DirectoryTree.NodeHighlighted)
    def show_path(self) -> None:
        self.query_one("#picker-path", Static).update(str(self.highlighted()))

    @on(DirectoryTree.FileSelected)
    def file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(Path(event.path))

    def action_choose(self) -> None:
        """Take the highlighted folder (or file)."""
        self.dismiss(self.highlighted())

    def action_up(self) -> None:
        """Show the folder above the tree's root."""
        tree = self.query_one(DirectoryTree)
        parent = Path(tree.path).resolve().parent
        tree.path = parent
        self.query_one("#picker-path", Static).update(str(parent))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
