/** The report's inline stylesheet; CJK-capable font stack first so Chinese renders wherever the file is opened. */
export const reportCss = `
:root { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; color: #1f2933; background: #f5f7fa; }
body { margin: 0; }
header { background: #1f3a5f; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 22px; } header small { font-weight: normal; opacity: .8; font-size: 14px; }
.scope { margin: 0 0 12px; opacity: .85; font-size: 13px; }
.notice { margin: 0 0 12px; display: inline-block; background: #fff3c4; color: #513c06; border-radius: 4px; padding: 4px 10px; font-size: 13px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: rgba(255,255,255,.12); border-radius: 6px; padding: 8px 14px; min-width: 150px; }
.card .k { font-size: 12px; opacity: .85; } .card .v { font-size: 22px; font-weight: 600; }
main { padding: 16px 24px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
section { background: #fff; border-radius: 6px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); margin-bottom: 16px; }
h2 { font-size: 15px; margin: 0 0 8px; }
svg { width: 100%; height: auto; font-size: 11px; }
svg .grid { stroke: #e4e7eb; } svg .tick, svg .legend, svg .value { fill: #52606d; } svg .label { fill: #1f2933; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
a { color: #1f5fa8; text-decoration: none; }
.alerts pre { white-space: pre-wrap; font-size: 12px; background: #f5f7fa; padding: 8px; }
.empty { color: #7b8794; }
footer { padding: 12px 24px 24px; font-size: 12px; color: #7b8794; }
`;
