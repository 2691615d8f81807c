// Plain-DOM updates that touch only what changed. The inline padlock lives inside the webmail's
// own document: every attribute written, even with the value it already had, queues mutation
// records for the site's observers and may invalidate style, so unchanged values are left alone.

export function setAttributeIfChanged(element: Element, name: string, value: string | null): void {
  if (element.getAttribute(name) === value) return;
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

export function setTextIfChanged(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Makes `children` the element's children, in order: the others are removed, the missing ones
 * inserted, and the ones already in place are not moved (a move detaches and restyles them).
 */
export function setChildrenIfChanged(parent: Element, children: readonly Node[]): void {
  for (const node of [...parent.childNodes]) if (!children.includes(node)) node.remove();
  children.forEach((child, i) => {
    const there = parent.childNodes[i] ?? null;
    if (there !== child) parent.insertBefore(child, there);
  });
}
