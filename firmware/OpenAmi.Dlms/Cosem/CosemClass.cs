using System;

namespace OpenAmi.Dlms.Cosem
{
    /// <summary>Interface class ids and well-known attribute/method numbers (IEC 62056-6-2 / Blue Book).</summary>
    public static class CosemClass
    {
        public const ushort Data = 1;
        public const ushort Register = 3;
        public const ushort ExtendedRegister = 4;
        public const ushort DemandRegister = 5;
        public const ushort ProfileGeneric = 7;
        public const ushort Clock = 8;
        public const ushort AssociationLn = 15;
        public const ushort DisconnectControl = 70;
        public const ushort TokenGateway = 115;

        /// <summary>Attribute 1 of every class: the logical name.</summary>
        public const sbyte LogicalName = 1;
        /// <summary>Data/Register/Extended register attribute 2: value.</summary>
        public const sbyte Value = 2;
        /// <summary>Register/Extended register attribute 3: scaler_unit.</summary>
        public const sbyte ScalerUnit = 3;
        /// <summary>Extended register attribute 4: status; attribute 5: capture_time.</summary>
        public const sbyte Status = 4;
        public const sbyte CaptureTime = 5;
        /// <summary>Clock attribute 2: time; 3: time_zone; 4: status.</summary>
        public const sbyte ClockTime = 2;
        /// <summary>Profile generic attribute 2: buffer; 3: capture_objects; 4: capture_period (s); 5: sort_method;
        /// 6: sort_object; 7: entries_in_use; 8: profile_entries.</summary>
        public const sbyte Buffer = 2;
        public const sbyte CaptureObjects = 3;
        public const sbyte CapturePeriod = 4;
        public const sbyte SortMethod = 5;
        public const sbyte SortObject = 6;
        public const sbyte EntriesInUse = 7;
        public const sbyte ProfileEntries = 8;
        /// <summary>Association LN attribute 2: object_list.</summary>
        public const sbyte ObjectList = 2;
        /// <summary>Association LN method 1: reply_to_HLS_authentication.</summary>
        public const sbyte ReplyToHlsAuthentication = 1;
        /// <summary>Disconnect control attribute 2: output_state; 3: control_state; 4: control_mode.</summary>
        public const sbyte OutputState = 2;
        public const sbyte ControlState = 3;
        /// <summary>Disconnect control method 1: remote_disconnect; 2: remote_reconnect.</summary>
        public const sbyte RemoteDisconnect = 1;
        public const sbyte RemoteReconnect = 2;
        /// <summary>Token gateway method 1: enter(token); attribute 2: token; 4: descriptor; 5: delivery method; 6: status.</summary>
        public const sbyte TokenEnter = 1;
        public const sbyte Token = 2;
        public const sbyte TokenStatus = 6;

        /// <summary>The current association object, 0.0.40.0.0.255.</summary>
        public static readonly ObisCode CurrentAssociation = new ObisCode(0, 0, 40, 0, 0, 255);
        /// <summary>The clock, 0.0.1.0.0.255.</summary>
        public static readonly ObisCode ClockObject = new ObisCode(0, 0, 1, 0, 0, 255);
    }

    /// <summary>Disconnect control states (Blue Book class 70, attribute 3).</summary>
    public enum DisconnectControlState
    {
        Disconnected = 0,
        Connected = 1,
        ReadyForReconnection = 2,
    }
}
