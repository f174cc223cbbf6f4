import { useEffect, useState } from 'react';
import { useStore } from '../store';

const query = '(prefers-color-scheme: dark)';

/** The theme in force: the user's choice, or the system's when they follow it. */
export function useResolvedTheme(): 'light' | 'dark' {
  const choice = useStore((s) => s.theme);
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const onChange = () => setSystemDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  const theme = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return theme;
}
