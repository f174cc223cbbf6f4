import { useEffect, useState } from 'react';
import { Command } from 'cmdk';
import { NODE_KINDS, type NodeKind } from '../../../shared/model';
import { canConnect } from '../../../shared/model';
import { addAtScreen, connect } from '../canvas/editActions';
import { focusNode } from '../canvas/flowApi';
import { kindLooks } from '../canvas/kinds';
import { platform } from '../platform';
import { useStore } from '../store';
import { openRecentFile, openSample } from './fileActions';
import { samples } from './samples';

const TITLES = {
  samples: 'Open sample',
  recent: 'Open recent',
  find: 'Find component',
  quickAdd: 'Add component',
  connectTo: 'Connect to',
} as const;

/** The searchable lists over the canvas: samples, recent files, find a node, add a node. */
export function Pickers() {
  const picker = useStore((s) => s.picker);
  const close = () => useStore.getState().openPicker(null);
  if (!picker) return null;
  return (
    <Command.Dialog
      open
      onOpenChange={(open) => !open && close()}
      label={TITLES[picker.kind]}
      className="cmdk"
    >
      <Command.Input placeholder={`${TITLES[picker.kind]}…`} />
      <Command.List>
        <Command.Empty>Nothing matches.</Command.Empty>
        {picker.kind === 'samples' && <SampleItems close={close} />}
        {picker.kind === 'recent' && <RecentItems close={close} />}
        {picker.kind === 'find' && <FindItems close={close} />}
        {picker.kind === 'quickAdd' && <AddItems close={close} at={picker.at} />}
        {picker.kind === 'connectTo' && <ConnectItems close={close} />}
      </Command.List>
    </Command.Dialog>
  );
}

function SampleItems({ close }: { close(): void }) {
  return samples.map((s) => (
    <Command.Item
      key={s.id}
      value={`${s.title} ${s.fileName}`}
      onSelect={() => {
        close();
        void openSample(s.id);
      }}
    >
      <span>{s.title}</span>
      <span className="muted small cmd-detail">{s.fileName}</span>
    </Command.Item>
  ));
}

function RecentItems({ close }: { close(): void }) {
  const [list, setList] = useState<{ path: string; name: string }[] | null>(null);
  useEffect(() => {
    void platform()
      .files.recent()
      .then(setList, () => setList([]));
  }, []);
  if (list === null) return <Command.Loading>Loading…</Command.Loading>;
  if (list.length === 0) return <div className="muted small cmdk-note">No recent files yet.</div>;
  return list.map((f) => (
    <Command.Item
      key={f.path}
      value={`${f.name} ${f.path}`}
      onSelect={() => {
        close();
        void openRecentFile(f.path);
      }}
    >
      <span>{f.name}</span>
      <span className="muted small cmd-detail">{f.path.startsWith('web:') ? '' : f.path}</span>
    </Command.Item>
  ));
}

function FindItems({ close }: { close(): void }) {
  const nodes = useStore((s) => s.doc.nodes);
  return nodes.map((n) => (
    <Command.Item
      key={n.id}
      value={`${n.label ?? ''} ${n.id} ${n.kind}`}
      onSelect={() => {
        close();
        useStore.getState().select([n.id]);
        focusNode(n.id);
      }}
    >
      <span style={{ color: kindLooks[n.kind].color }}>{kindLooks[n.kind].name}</span>
      <span>{n.label ?? n.id}</span>
      <span className="muted small">{n.id}</span>
    </Command.Item>
  ));
}

function AddItems({ close, at }: { close(): void; at?: { x: number; y: number } | undefined }) {
  const add = (kind: NodeKind) => {
    close();
    const el = document.querySelector('.canvas .react-flow')?.getBoundingClientRect();
    const screen =
      at ?? (el ? { x: el.left + el.width / 2, y: el.top + el.height / 2 } : { x: 0, y: 0 });
    addAtScreen(kind, screen);
  };
  return NODE_KINDS.map((k) => {
    const look = kindLooks[k];
    return (
      <Command.Item key={k} value={`${look.name} ${look.hint}`} onSelect={() => add(k)}>
        <look.icon size={16} style={{ color: look.color }} aria-hidden />
        <span>{look.name}</span>
        <span className="muted small">{look.hint}</span>
      </Command.Item>
    );
  });
}

/** Connect to…: the selected component calls (or publishes to) one picked by name. */
function ConnectItems({ close }: { close(): void }) {
  const doc = useStore((s) => s.doc);
  const from = useStore((s) => s.selectedNodes[0]);
  const source = doc.nodes.find((n) => n.id === from);
  if (!source) return <div className="muted small cmdk-note">Select one component first.</div>;
  return doc.nodes
    .filter((n) => n.id !== source.id)
    .map((n) => {
      const verdict = canConnect(doc, source.id, n.id, n.kind === 'queue' ? 'publish' : 'call');
      return (
        <Command.Item
          key={n.id}
          value={`${n.label ?? n.id} ${n.id} ${kindLooks[n.kind].name}`}
          disabled={!verdict.ok}
          onSelect={() => {
            close();
            connect(source.id, n.id);
          }}
        >
          <span style={{ color: kindLooks[n.kind].color }}>{kindLooks[n.kind].name}</span>
          <span>{n.label ?? n.id}</span>
          <span className="muted small cmd-detail">
            {verdict.ok ? `${source.label ?? source.id} → ${n.label ?? n.id}` : verdict.reason}
          </span>
        </Command.Item>
      );
    });
}
