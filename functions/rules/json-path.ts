const plainKey = /^[A-Za-z_$][\w$]*$/;

/** $.campaigns[0].steps[1].delay; keys that are not plain names in brackets: $.templates['zh-CN']. */
export const toJsonPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return plainKey.test(name) ? `${text}.${name}` : `${text}['${name.replace(/'/g, "\\'")}']`;
  }, '$');
