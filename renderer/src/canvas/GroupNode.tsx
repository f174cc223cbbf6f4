import { memo } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { Users, MapPin } from 'lucide-react';
import { GROUP_LABELS } from '../../../shared/model';
import { useStore } from '../store';
import type { GroupFlowNode } from './flowModel';

/** A zone or team: a labelled container. Drag it by its title bar; resize it from its edges. */
export const GroupNode = memo(function GroupNode({ data, selected }: NodeProps<GroupFlowNode>) {
  const { group } = data;
  const Icon = group.kind === 'zone' ? MapPin : Users;
  return (
    <div className={`group-box group-${group.kind}${selected ? ' selected' : ''}`}>
      <NodeResizer
        isVisible={selected}
        minWidth={120}
        minHeight={80}
        onResizeEnd={(_e, p) => {
          const { apply } = useStore.getState();
          const moved = p.x !== group.position.x || p.y !== group.position.y;
          apply([
            ...(moved
              ? [
                  {
                    type: 'moveNodes' as const,
                    moves: [{ id: group.id, position: { x: p.x, y: p.y } }],
                  },
                ]
              : []),
            {
              type: 'updateGroup',
              id: group.id,
              size: { width: Math.round(p.width), height: Math.round(p.height) },
            },
          ]);
        }}
      />
      <div className="group-drag group-title">
        <Icon size={14} aria-hidden />
        <span className="group-kind">{GROUP_LABELS[group.kind]}</span>
        <span className="group-label">{group.label ?? group.id}</span>
      </div>
    </div>
  );
});
