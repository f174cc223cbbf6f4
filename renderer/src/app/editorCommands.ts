// What the editing, arranging and view commands do; registered into the one command registry.
import { canRedo, canUndo, redo, undo, useStore } from '../store';
import { copyToClipboard, pasteFromClipboard } from '../canvas/clipboard';
import {
  align,
  deleteSelection,
  distribute,
  duplicateSelection,
  groupSelection,
  hasSelection,
  moveSelection,
  selectAll,
  ungroupSelection,
  GRID,
} from '../canvas/editActions';
import { flow, zoomToFit } from '../canvas/flowApi';
import { autoLayout, layoutAll } from '../canvas/layout';
import { addNote, colourSelectedNotes, selectedStickyNotes } from '../canvas/noteActions';
import { registerHandlers } from './commands';

const store = () => useStore.getState();
const nodesSelected = () => store().selectedNodes.length > 0;
const several = (n: number) => () => store().selectedNodes.length >= n;
const groupSelected = () =>
  store().selectedNodes.some((id) => store().doc.groups.some((g) => g.id === id));
const oneComponent = () => {
  const [id, ...more] = store().selectedNodes;
  return more.length === 0 && store().doc.nodes.some((n) => n.id === id);
};
const colour = (c: 'yellow' | 'blue' | 'green' | 'pink') => ({
  run: () => colourSelectedNotes(c),
  enabled: () => selectedStickyNotes().length > 0,
});
const STEP = 1;
const BIG_STEP = GRID * 2;
const move = (dx: number, dy: number) => ({
  run: () => moveSelection(dx, dy),
  enabled: nodesSelected,
});

export function registerEditorCommands() {
  registerHandlers({
    'edit.undo': { run: undo, enabled: canUndo },
    'edit.redo': { run: redo, enabled: canRedo },
    'edit.cut': { run: () => copyToClipboard(true), enabled: nodesSelected },
    'edit.copy': { run: () => copyToClipboard(false), enabled: nodesSelected },
    'edit.paste': { run: pasteFromClipboard },
    'edit.duplicate': { run: duplicateSelection, enabled: nodesSelected },
    'edit.delete': { run: deleteSelection, enabled: hasSelection },
    'edit.selectAll': { run: selectAll },
    'edit.find': { run: () => store().openPicker('find') },
    'edit.quickAdd': { run: () => store().openPicker('quickAdd') },
    'edit.connectTo': { run: () => store().openPicker('connectTo'), enabled: oneComponent },
    'edit.addStickyNote': { run: () => void addNote('sticky') },
    'edit.addText': { run: () => void addNote('text') },
    'note.colorYellow': colour('yellow'),
    'note.colorBlue': colour('blue'),
    'note.colorGreen': colour('green'),
    'note.colorPink': colour('pink'),
    'edit.moveLeft': move(-STEP, 0),
    'edit.moveRight': move(STEP, 0),
    'edit.moveUp': move(0, -STEP),
    'edit.moveDown': move(0, STEP),
    'edit.moveLeftFar': move(-BIG_STEP, 0),
    'edit.moveRightFar': move(BIG_STEP, 0),
    'edit.moveUpFar': move(0, -BIG_STEP),
    'edit.moveDownFar': move(0, BIG_STEP),
    'arrange.groupZone': { run: () => groupSelection('zone'), enabled: nodesSelected },
    'arrange.groupTeam': { run: () => groupSelection('team'), enabled: nodesSelected },
    'arrange.ungroup': { run: ungroupSelection, enabled: groupSelected },
    'arrange.alignLeft': { run: () => align('left'), enabled: several(2) },
    'arrange.alignCenter': { run: () => align('center'), enabled: several(2) },
    'arrange.alignRight': { run: () => align('right'), enabled: several(2) },
    'arrange.alignTop': { run: () => align('top'), enabled: several(2) },
    'arrange.alignMiddle': { run: () => align('middle'), enabled: several(2) },
    'arrange.alignBottom': { run: () => align('bottom'), enabled: several(2) },
    'arrange.distributeH': { run: () => distribute('x'), enabled: several(3) },
    'arrange.distributeV': { run: () => distribute('y'), enabled: several(3) },
    'arrange.autoLayout': { run: autoLayout },
    'arrange.autoLayoutAll': { run: layoutAll },
    'arrange.snapToGrid': {
      run: () => {
        const on = !store().snapToGrid;
        store().set({ snapToGrid: on });
        store().showToast(on ? 'Snap to grid on' : 'Snap to grid off');
      },
    },
    'view.zoomToFit': { run: zoomToFit },
    'view.zoomIn': { run: () => void flow()?.zoomIn({ duration: 150 }) },
    'view.zoomOut': { run: () => void flow()?.zoomOut({ duration: 150 }) },
    'view.toggleMinimap': {
      run: () =>
        store().set({ minimap: document.querySelector('.react-flow__minimap') ? 'off' : 'on' }),
    },
  });
}
