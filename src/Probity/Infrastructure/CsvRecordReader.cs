using System.Buffers;
using System.Text;

namespace Probity.Infrastructure;

/// <summary>
/// A streaming RFC 4180 tokenizer: comma separated, fields optionally in double quotes with "" for a quote, records ending in
/// CRLF, LF or CR. Quoted fields keep embedded line breaks exactly as written. It tracks the physical line each record starts
/// on (line 1 = header), which a general CSV library does not give, so errors can point at the line a person sees in an editor.
/// One record is held at a time; fields are spans over a reused buffer, so reading allocates nothing per field.
/// </summary>
internal sealed class CsvRecordReader
{
    /// <summary>A record longer than this is treated as a broken file (typically an unclosed quote), so one cannot exhaust memory.</summary>
    public const int MaxRecordChars = 1 << 20;

    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n\"");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n");

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[1 << 16];
    private int _pos;
    private int _len;
    private char[] _record = new char[1024];
    private int _recordLength;
    private int[] _starts = new int[32];
    private int[] _lengths = new int[32];
    private int _line = 1;

    private readonly InvalidBytesFallback? _invalidBytes;

    public CsvRecordReader(TextReader reader, InvalidBytesFallback? invalidBytes = null)
    {
        _reader = reader;
        _invalidBytes = invalidBytes;
    }

    /// <summary>The current record holds text decoded from bytes that were not valid UTF-8.</summary>
    public bool HasInvalidBytes => _invalidBytes is { Seen: true } && _record.AsSpan(0, _recordLength).Contains(InvalidBytesFallback.Replacement);

    /// <summary>The current record holds control characters other than tab, CR and LF: the file is probably not text at all.</summary>
    public bool LooksBinary => _record.AsSpan(0, _recordLength).IndexOfAnyInRange('\0', '\u0008') >= 0;

    /// <summary>Physical line (1-based) on which the current record starts.</summary>
    public int RecordLine { get; private set; }
    public int FieldCount { get; private set; }
    /// <summary>Physical line the reader has reached (for errors that stop reading mid-record).</summary>
    public int CurrentLine => _line;
    /// <summary>Why the current record is not well-formed RFC 4180, or null. The fields are still returned as best understood.</summary>
    public string? Malformed { get; private set; }
    /// <summary>The current record is an empty line.</summary>
    public bool IsBlank => FieldCount == 1 && _lengths[0] == 0 && !_blankWasQuoted;

    private bool _blankWasQuoted;

    public ReadOnlySpan<char> this[int field] => _record.AsSpan(_starts[field], _lengths[field]);

    /// <summary>
    /// Every record of a whole text, as strings: for files small enough to hold (a report's tables, a test reading what
    /// was written). A record that is not well-formed RFC 4180 is refused with its line, never guessed at.
    /// </summary>
    public static List<string[]> ReadAll(TextReader text)
    {
        var reader = new CsvRecordReader(text);
        var records = new List<string[]>();
        while (reader.Read())
        {
            if (reader.Malformed is { } problem) throw new FormatException($"Line {reader.RecordLine}: {problem}");
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = reader[i].ToString();
            records.Add(fields);
        }
        return records;
    }

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool Read()
    {
        FieldCount = 0;
        _recordLength = 0;
        Malformed = null;
        _blankWasQuoted = false;
        if (!HasData()) return false;
        RecordLine = _line;
        while (true)
        {
            var start = _recordLength;
            if (HasData() && _buffer[_pos] == '"')
            {
                _pos++;
                _blankWasQuoted = true;
                if (!ReadQuoted())
                {
                    Malformed = "a quoted field starting on this line is never closed (the file ends inside it)";
                    EndField(start);
                    return true;
                }
                if (HasData() && _buffer[_pos] is not (',' or '\r' or '\n'))
                {
                    Malformed ??= $"unexpected character '{_buffer[_pos]}' after the closing quote of field {FieldCount + 1}";
                    ReadUnquoted();
                }
            }
            else
            {
                ReadUnquoted();
            }
            EndField(start);

            if (!HasData()) return true;
            var c = _buffer[_pos++];
            if (c == ',') continue;
            _line++;
            if (c == '\r' && HasData() && _buffer[_pos] == '\n') _pos++;
            return true;
        }
    }

    private bool HasData()
    {
        if (_pos < _len) return true;
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }

    private void ReadUnquoted()
    {
        while (HasData())
        {
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var i = span.IndexOfAny(UnquotedStops);
            if (i < 0)
            {
                Append(span);
                _pos = _len;
                continue;
            }
            Append(span[..i]);
            _pos += i;
            if (span[i] != '"') return;
            Malformed ??= $"a double quote inside unquoted field {FieldCount + 1} (a field containing quotes must be quoted, with each quote doubled)";
            Append("\"");
            _pos++;
        }
    }

    /// <summary>Reads up to and including the closing quote; false if the input ends first.</summary>
    private bool ReadQuoted()
    {
        while (HasData())
        {
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var i = span.IndexOfAny(QuotedStops);
            if (i < 0)
            {
                Append(span);
                _pos = _len;
                continue;
            }
            Append(span[..(i + 1)]);
            _pos += i + 1;
            switch (span[i])
            {
                case '\n':
                    _line++;
                    break;
                case '\r':
                    _line++;
                    if (HasData() && _buffer[_pos] == '\n')
                    {
                        Append("\n");
                        _pos++;
                    }
                    break;
                default: // a quote: doubled means a literal quote, else the field ends
                    if (HasData() && _buffer[_pos] == '"')
                    {
                        _pos++; // keep the one already appended
                        break;
                    }
                    _recordLength--; // drop the closing quote
                    return true;
            }
        }
        return false;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_recordLength + chars.Length > _record.Length)
        {
            var needed = _recordLength + chars.Length;
            if (needed > MaxRecordChars)
                throw new CsvFormatException(RecordLine, $"the record starting on this line is longer than {MaxRecordChars:N0} characters; the file is probably broken (an unclosed quote?)");
            Array.Resize(ref _record, Math.Min(MaxRecordChars, Math.Max(needed, _record.Length * 2)));
        }
        chars.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += chars.Length;
    }

    private void EndField(int start)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }
        _starts[FieldCount] = start;
        _lengths[FieldCount] = _recordLength - start;
        FieldCount++;
    }
}

/// <summary>Decodes each invalid UTF-8 sequence as U+FFFD and remembers that it happened, so the reader can name the line.</summary>
internal sealed class InvalidBytesFallback : DecoderFallback
{
    public const char Replacement = '\uFFFD';

    public bool Seen { get; private set; }
    public override int MaxCharCount => 1;
    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    private sealed class Buffer(InvalidBytesFallback owner) : DecoderFallbackBuffer
    {
        private int _remaining;

        public override int Remaining => _remaining;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.Seen = true;
            _remaining = 1;
            return true;
        }

        public override char GetNextChar()
        {
            if (_remaining == 0) return '\0';
            _remaining--;
            return Replacement;
        }

        public override bool MovePrevious()
        {
            if (_remaining > 0) return false;
            _remaining = 1;
            return true;
        }

        public override void Reset() => _remaining = 0;
    }
}

/// <summary>The input cannot be read further as CSV.</summary>
internal sealed class CsvFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
