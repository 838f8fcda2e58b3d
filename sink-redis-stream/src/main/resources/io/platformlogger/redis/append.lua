-- The careful append, for batches that may have been stored before (a retry): skips every entry
-- whose id is among up to <lookback> messages (those after the last stream id the sink saw
-- acknowledged, else the stream's last ones), appends the rest, publishes.
-- KEYS[1] stream
-- ARGV[1] maxlen (0: no trimming)   ARGV[2] '~' or '=' (approximate or exact trimming)
-- ARGV[3] lookback (messages)       ARGV[4] pub/sub channel ('' none)
-- ARGV[5] stream id after which a earlier attempt's entries can be ('' unknown)
-- ARGV[6] number of entries, then per entry: field count, field, value, ... (the first pair is
-- 'id', <entry id>)
-- Returns {entries appended, last stream id appended or ''}.
local maxlen = tonumber(ARGV[1])
local lookback = tonumber(ARGV[3])
local count = tonumber(ARGV[6])
local seen = {}
if lookback > 0 then
  local recent
  if ARGV[5] ~= '' then
    recent = redis.call('XRANGE', KEYS[1], '(' .. ARGV[5], '+', 'COUNT', lookback)
  else
    recent = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', lookback)
  end
  for _, message in ipairs(recent) do
    local fields = message[2]
    if fields[1] == 'id' then
      seen[fields[2]] = true
    end
  end
end
local head = {'XADD', KEYS[1]}
if maxlen > 0 then
  head[#head + 1] = 'MAXLEN'
  head[#head + 1] = ARGV[2]
  head[#head + 1] = ARGV[1]
end
head[#head + 1] = '*'
local nhead = #head
local i = 7
local added = 0
local last = ''
for _ = 1, count do
  local nfields = tonumber(ARGV[i])
  local id = ARGV[i + 2]
  if not seen[id] then
    local cmd = {}
    for k = 1, nhead do cmd[k] = head[k] end
    for k = 1, nfields * 2 do cmd[nhead + k] = ARGV[i + k] end
    last = redis.call(unpack(cmd))
    seen[id] = true
    added = added + 1
  end
  i = i + 1 + nfields * 2
end
if added > 0 and ARGV[4] ~= '' then
  redis.call('PUBLISH', ARGV[4], '{"stream":' .. cjson.encode(KEYS[1]) .. ',"count":' .. added .. '}')
end
return {added, last}
