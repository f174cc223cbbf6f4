import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels';
import { Canvas } from '../canvas/Canvas';
import { Palette } from '../canvas/Palette';
import { Inspector } from '../inspector/Inspector';
import { RunPanel } from '../run/RunPanel';
import { platform } from '../platform';
import { useStore } from '../store';
import { installClipboardEvents } from '../canvas/clipboard';
import { CommandPalette } from './CommandPalette';
import { AboutDialog, PromptDialog, ToastView } from './Dialogs';
import { TraceImportProgress } from '../imports/traceProgress';
import { registerEditorCommands } from './editorCommands';
import { confirmDiscard, loadText, offerRecovery, startAutosave } from './fileActions';
import { LoadErrorDialog } from './LoadErrorDialog';
import { Pickers } from './Pickers';
import { TopBar } from './TopBar';
import { useShortcuts } from './useShortcuts';
import { useResolvedTheme } from './useTheme';
import type { PanelName } from '../store/uiSlice';
import { LiveMenu } from '../drills/LiveMenu';
import { installRunView } from '../run/engineClient';
import { ExportDialog } from '../exports/ExportDialog';
import { ToolExportDialog } from '../exports/ToolExportDialog';
import { ImportReportDialog } from '../imports/ImportReportDialog';
import { StartPage, startPageWanted } from '../start/StartPage';
import { HelpSheets } from '../help/HelpSheets';
import { ContextMenu } from '../menus/ContextMenu';
import { CalibrationReportDialog } from '../imports/CalibrationReportDialog';

registerEditorCommands();
installRunView();

/** Session-wide behaviour: autosave, recovery on start, close prompts, clipboard, OS file opens. */
function useSession() {
  useEffect(() => {
    const offClipboard = installClipboardEvents();
    const stopAutosave = startAutosave();
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (useStore.getState().file.dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    const offClose = platform().onCloseRequest(confirmDiscard);
    const offOpen = platform().onOpenFile((path) => {
      void confirmDiscard().then(async (ok) => {
        if (!ok) return;
        const file = await platform().files.openPath(path);
        await loadText(file.text, { path: file.path, name: file.name });
      });
    });
    const { doc } = useStore.getState();
    if (startPageWanted() && doc.nodes.length === 0 && doc.groups.length === 0)
      useStore.getState().set({ startPageOpen: true });
    const t = setTimeout(() => void offerRecovery(), 300);
    return () => {
      clearTimeout(t);
      offClipboard();
      stopAutosave();
      window.removeEventListener('beforeunload', beforeUnload);
      offClose();
      offOpen();
    };
  }, []);
}

/** Keeps a collapsible panel in step with the ui slice, both ways. */
function usePanelSync(name: PanelName) {
  const ref = usePanelRef();
  const open = useStore((s) => s.panels[name]);
  useEffect(() => {
    const p = ref.current;
    if (!p) return;
    if (open && p.isCollapsed()) p.expand();
    if (!open && !p.isCollapsed()) p.collapse();
  }, [open, ref]);
  const onResize = () => {
    const p = ref.current;
    if (!p) return;
    const collapsed = p.isCollapsed();
    if (collapsed === useStore.getState().panels[name])
      useStore.getState().togglePanel(name, !collapsed);
  };
  return { panelRef: ref, onResize };
}

/**
 * Starting panel sizes for the window the app opens in: the side panels narrower on a small
 * window, the run panel a share of the height, so the canvas keeps most of the room.
 */
export function panelSizes(win: { width: number; height: number }) {
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));
  return {
    palette: clamp(win.width * 0.15, 150, 220),
    inspector: clamp(win.width * 0.22, 220, 300),
    bottom: clamp(win.height * 0.28, 120, 300),
  };
}

export function App() {
  const theme = useResolvedTheme();
  useShortcuts();
  useSession();
  const palette = usePanelSync('palette');
  const inspector = usePanelSync('inspector');
  const bottom = usePanelSync('bottom');
  const docName = useStore((s) => s.doc.name);
  const dirty = useStore((s) => s.file.dirty);
  const fileName = useStore((s) => s.file.name);
  const [sizes] = useState(() =>
    panelSizes({ width: window.innerWidth, height: window.innerHeight }),
  );
  useEffect(() => {
    platform().setTitle(`${dirty ? '• ' : ''}${fileName} — ${docName} — ArchLab`);
  }, [dirty, fileName, docName]);

  return (
    <ReactFlowProvider>
      <div className="app" data-theme={theme}>
        <TopBar />
        <Group orientation="vertical" className="workspace">
          <Panel id="main" minSize="40">
            <Group orientation="horizontal" className="main-row">
              <Panel
                id="palette"
                defaultSize={sizes.palette}
                minSize={140}
                maxSize={360}
                collapsible
                collapsedSize={0}
                {...palette}
              >
                <Palette />
              </Panel>
              <Separator className="separator vertical" />
              <Panel id="canvas" minSize="30">
                <Canvas colorMode={theme} />
              </Panel>
              <Separator className="separator vertical" />
              <Panel
                id="inspector"
                defaultSize={sizes.inspector}
                minSize={200}
                maxSize={520}
                collapsible
                collapsedSize={0}
                {...inspector}
              >
                <Inspector />
              </Panel>
            </Group>
          </Panel>
          <Separator className="separator horizontal" />
          <Panel
            id="bottom"
            defaultSize={sizes.bottom}
            minSize={96}
            maxSize="60"
            collapsible
            collapsedSize={0}
            {...bottom}
          >
            <RunPanel />
          </Panel>
        </Group>
        <ToastView />
        <TraceImportProgress />
        <CommandPalette />
        <Pickers />
        <PromptDialog />
        <AboutDialog />
        <LoadErrorDialog />
        <LiveMenu />
        <ExportDialog />
        <ToolExportDialog />
        <ImportReportDialog />
        <StartPage theme={theme} />
        <HelpSheets />
        <ContextMenu />
        <CalibrationReportDialog />
      </div>
    </ReactFlowProvider>
  );
}
