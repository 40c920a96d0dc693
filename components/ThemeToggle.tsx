'use client';
import { useEffect, useState } from 'react';
import { useStrings } from './LangProvider';

type Theme = 'system' | 'light' | 'dark';

export function ThemeToggle() {
  const t = useStrings();
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    const saved = localStorage.getItem('ddpm-theme');
    if (saved === 'light' || saved === 'dark') setTheme(saved);
  }, []);
  const choose = (next: Theme) => {
    setTheme(next);
    if (next === 'system') {
      localStorage.removeItem('ddpm-theme');
      delete document.documentElement.dataset.theme;
    } else {
      localStorage.setItem('ddpm-theme', next);
      document.documentElement.dataset.theme = next;
    }
  };
  const order: Theme[] = ['system', 'light', 'dark'];
  const label = { system: t.themeSystem, light: t.themeLight, dark: t.themeDark };
  const next = order[(order.indexOf(theme) + 1) % order.length];
  return (
    <button type="button" className="theme-toggle" onClick={() => choose(next)}
      aria-label={`${t.theme}: ${label[theme]}`} title={`${t.theme}: ${label[theme]}`}>
      <span aria-hidden="true">{theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}</span>
      <span className="theme-toggle-label">{label[theme]}</span>
    </button>
  );
}
