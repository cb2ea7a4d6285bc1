using System.Net;
using System.Net.Sockets;

namespace Probity.Infrastructure.Web;

/// <summary>
/// Where a request comes from, as limits count it. An IPv6 client is counted by its /64 network, because one machine
/// can take any address inside the /64 it is given; IPv4 by its address. Behind a reverse proxy the address is the
/// proxy's unless <c>Probity:Web:KnownProxies</c> names it (then X-Forwarded-For is believed from that proxy only).
/// </summary>
internal static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
