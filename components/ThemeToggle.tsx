'use client';
import { useState } from 'react';
import { useStrings } from './LangProvider';
import { useBrowserValue } from './useBrowserValue';

type Theme = 'system' | 'light' | 'dark';

function readSavedTheme(): Theme {
  const saved = localStorage.getItem('ddpm-theme');
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function ThemeToggle() {
  const t = useStrings();
  // The saved choice until the reader picks another one on this page.
  const saved = useBrowserValue(readSavedTheme, 'system');
  const [chosen, setChosen] = useState<Theme | null>(null);
  const theme = chosen ?? saved;
  const choose = (next: Theme) => {
    setChosen(next);
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
