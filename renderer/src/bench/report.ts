declare global {
  interface Window {
    __firstRender?: number;
  }
}

/** Records when the first nodes are on screen and measured (React Flow shows a node once it has its size). */
export function reportFirstRender(): void {
  const check = () => {
    const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
    if (nodes.length > 0 && [...nodes].every((e) => getComputedStyle(e).visibility !== 'hidden')) {
      window.__firstRender = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}
