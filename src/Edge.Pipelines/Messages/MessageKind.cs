using Edge.Hardware.Gpio;
using Edge.Hardware.Sensors;

namespace Edge.Pipelines.Messages;

/// <summary>
/// What a pipeline mailbox carries. Each value is the message tag its producer posts with, taken from the message
/// struct itself, so the tag has one source of truth; <see cref="MessageCodec.For"/> knows each kind's size and forms.
/// </summary>
public enum MessageKind
{
    /// <summary><see cref="GpioEvent"/> messages, posted by GPIO sources.</summary>
    Gpio = GpioEvent.Tag,

    /// <summary><see cref="Bme280Reading"/> messages, posted by BME280 samplers.</summary>
    Weather = Bme280Reading.Tag,

    /// <summary><see cref="ButtonEvent"/> messages, made by the button stage.</summary>
    Button = ButtonEvent.Tag,

    /// <summary><see cref="AlertEvent"/> messages, made by the threshold stage.</summary>
    Alert = AlertEvent.Tag,

    /// <summary>Bytes kept as they arrived (an MQTT source's payloads), up to the mailbox's slot size.</summary>
    Raw = RawCodec.KindTag,
}
