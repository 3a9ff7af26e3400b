// The stable codes of the command line's own errors (the calculators' input errors are the
// runtime's R1xx/R2xx). Shown as `错误[C010]：…` and as `"代码"` in a batch line; a program
// branches on the code, never on the wording. docs/errors.md lists each with an example,
// and a test keeps that list and this table equal.
export const CLI_ERROR_CODES = {
  C000: "命令行的其他错误",
  C001: "未知命令、未知选项或参数不对",
  C002: "缺少必需的选项，或选项的值不合法",
  C010: "找不到文件",
  C011: "给出的路径是目录，不是文件",
  C012: "无法读取文件",
  C013: "输入过大",
  C014: "输入不是合法的 UTF-8 文本",
  C020: "JSON 语法错误",
  C021: "JSON 对象中同一字段写了两次",
  C022: "JSON 嵌套过深",
  C023: "输入不是 JSON 对象或对象数组",
  C030: "CSV 格式错误",
  C031: "CSV 这一行的单元格数与表头不符",
  C032: "CSV 表头有误",
  C040: "政策文件有错误，无法计算",
  C041: "政策文件中没有这个计算器",
  C042: "无法加载政策文件或编译器",
  C050: "无法写入输出（没有权限、只读或路径不对）",
  C051: "磁盘空间不足",
  C052: "两个输出会写到同一个文件",
  C060: "被中断（Ctrl+C 或 SIGTERM）",
  C070: "批量计算的工作线程出错",
  C099: "内部错误",
} as const;
export type CliErrorCode = keyof typeof CLI_ERROR_CODES;
