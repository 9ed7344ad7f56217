-- A writer's session in Neovim's built-in LSP client (0.7 and later): open a
-- pack, receive starlint's diagnostics, fix the Action in the buffer, see
-- the finding go, format the buffer. Each step writes what the editor shows
-- to $STARLINT_OUT, one line per fact, for the Go test to check.
local out, bin, file = os.getenv("STARLINT_OUT"), os.getenv("STARLINT_BIN"), os.getenv("STARLINT_PACK")
local lines = {}
local function say(s) table.insert(lines, s) end
local function finish()
  vim.fn.writefile(lines, out)
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "starlint",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
if not client_id then
  say("error: the client did not start")
  return finish()
end
vim.lsp.buf_attach_client(buf, client_id)

local function code(d)
  if d.code then return d.code end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code or "?"
end

local function dump(tag)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    say(string.format("%s %d:%d-%d:%d %s %s", tag, d.lnum + 1, d.col + 1, d.end_lnum + 1, d.end_col + 1, code(d), d.message))
  end
end

if not vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
  say("error: no diagnostics arrived")
  return finish()
end
dump("open")

-- The writer fixes the Action's second sentence.
for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if l:find("We figured out", 1, true) then
    vim.api.nvim_buf_set_lines(buf, i - 1, i, false, { (l:gsub("We figured out", "I figured out")) })
  end
end
local gone = vim.wait(15000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code(d) == "action-first-person" then return false end
  end
  return true
end, 20)
say("edit " .. (gone and "action-first-person gone" or "action-first-person still there"))
dump("edited")

-- The writer puts a sequence word before the I, and takes the server's fix.
local target
for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if l:find("I figured out", 1, true) then
    vim.api.nvim_buf_set_lines(buf, i - 1, i, false, { (l:gsub("I figured out", "Then I figured out")) })
    target = i
  end
end
local lead
vim.wait(15000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code(d) == "action-first-person" then lead = d; return true end
  end
  return false
end, 20)
if not lead or not target then
  say("error: no lead-in finding")
else
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = lead.lnum, character = lead.col }, ["end"] = { line = lead.end_lnum, character = lead.end_col } },
    context = { diagnostics = { (lead.user_data and lead.user_data.lsp) or {} } },
  }
  local applied = "not offered"
  for _, r in pairs(vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 5000) or {}) do
    for _, a in ipairs(r.result or {}) do
      if a.edit and a.title:find("I then", 1, true) then
        vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
        applied = "applied"
      end
    end
  end
  say("action " .. applied .. ": " .. vim.api.nvim_buf_get_lines(buf, target - 1, target, false)[1])
end

-- Formatting through the server.
if vim.lsp.buf.format then
  vim.lsp.buf.format({ timeout_ms = 5000 })
else
  vim.lsp.buf.formatting_sync(nil, 5000)
end
say("formatted line 3: " .. vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1])

vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
finish()
