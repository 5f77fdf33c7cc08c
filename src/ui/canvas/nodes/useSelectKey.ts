import { useCallback, type KeyboardEvent } from 'react';
import { useStore } from '../../../store';

/** Enter or Space on a focused card selects it, as a click does. */
export function useSelectKey(id: string) {
  const select = useStore((s) => s.select);
  return useCallback(
    (e: KeyboardEvent) => {
      if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
      e.preventDefault();
      select(id);
    },
    [select, id],
  );
}
