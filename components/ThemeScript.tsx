/** Applies the saved theme before first paint, so a dark-mode reader never sees a light flash. */
export function ThemeScript() {
  const js = `(function(){try{var t=localStorage.getItem('ddpm-theme');if(t==='light'||t==='dark'){document.documentElement.dataset.theme=t;}}catch(e){}})();`;
  return <script dangerouslySetInnerHTML={{ __html: js }} />;
}
