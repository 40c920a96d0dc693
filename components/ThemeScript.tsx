/**
 * The one inline script, run before first paint and before hydration:
 * - applies the saved theme, so a dark-mode reader never sees a light flash;
 * - makes every `a[data-keep-location]` (the language switch) carry the current query and hash,
 *   from the very first click — before hydration the switch is a plain link, and a click that
 *   landed then used to drop the section and the cells' parameters.
 */
export function ThemeScript() {
  const js = `(function(){try{var t=localStorage.getItem('ddpm-theme');if(t==='light'||t==='dark'){document.documentElement.dataset.theme=t;}}catch(e){}
document.addEventListener('click',function(e){var a=e.target&&e.target.closest?e.target.closest('a[data-keep-location]'):null;if(!a||e.defaultPrevented||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey)return;e.preventDefault();try{localStorage.setItem('ddpm-lang',a.getAttribute('hreflang')||'');}catch(x){}window.location.href=a.getAttribute('href')+window.location.search+window.location.hash;},true);})();`;
  return <script dangerouslySetInnerHTML={{ __html: js }} />;
}
