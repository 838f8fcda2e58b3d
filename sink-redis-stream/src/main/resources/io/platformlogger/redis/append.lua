-- Appends one batch (already grouped to one stream) atomically, skipping ids seen before.
-- KEYS[1] stream, KEYS[2] dedup sorted set (member = entry id, score = the id's milliseconds)
-- ARGV[1] maxlen (0: no trimming)     ARGV[2] '~' or '=' (approximate or exact trimming)
-- ARGV[3] dedup window (0: no dedup)  ARGV[4] dedup set time-to-live in seconds
-- ARGV[5] pub/sub channel ('' none)   ARGV[6] number of entries
-- then per entry: id, score, field count, field, value, field, value, ...
-- Returns {entries added, last stream id added or ''}.
local maxlen = tonumber(ARGV[1])
local window = tonumber(ARGV[3])
local count = tonumber(ARGV[6])
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
  local id = ARGV[i]
  local score = ARGV[i + 1]
  local nfields = tonumber(ARGV[i + 2])
  i = i + 3
  local fresh = true
  if window > 0 then
    fresh = redis.call('ZADD', KEYS[2], 'NX', score, id) == 1
  end
  if fresh then
    local cmd = {}
    for k = 1, nhead do cmd[k] = head[k] end
    for k = 0, nfields * 2 - 1 do cmd[nhead + 1 + k] = ARGV[i + k] end
    last = redis.call(unpack(cmd))
    added = added + 1
  end
  i = i + nfields * 2
end
if window > 0 then
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(window + 1))
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
if added > 0 and ARGV[5] ~= '' then
  redis.call('PUBLISH', ARGV[5], '{"stream":' .. cjson.encode(KEYS[1]) .. ',"count":' .. added .. '}')
end
return {added, last}
